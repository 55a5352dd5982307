extension Table {
    /// 签约项目: a signed investment project and how far it has landed. NK: 签约编号; (信用代码,
    /// 项目名称, 签约日期) is indexed as a duplicate hint.
    ///
    /// 商务局 owns 是否主导产业 and the 签约额认定 (who confirmed the amount, and when). The amount and
    /// its confirmation form one group, so a changed 签约额 never keeps a stale confirmation.
    public static let signing = Table(
        "signing", "签约项目",
        naturalKey: ["signing_no"],
        groups: [
            ColumnGroup("investor", ["investor_name", "investor_uscc", "investor_origin"]),
            ColumnGroup("confirmation", ["signed_amount", "confirmed_by", "confirmed_at"]),
            ColumnGroup("landing", ["landing_status", "registered_date", "start_date", "produce_date"]),
            ColumnGroup("funds", ["funds_arrived", "funds_out_of_province"]),
        ],
        indexes: [["investor_uscc", "name", "sign_date"], ["sign_date"]],
        fields: [
            Field("signing_no", "签约编号", .code, required: true),
            Field("name", "项目名称", .text, required: true, aliases: ["签约项目名称", "签约项目"]),
            Field("project_id", "关联项目", .reference("project"), aliases: ["项目编号"]),
            Field("lead_id", "关联线索", .reference("lead"), aliases: ["线索编号"]),
            Field("investor_name", "投资方", .text, aliases: ["投资方名称", "签约企业", "签约主体", "企业名称"]),
            Field("investor_uscc", "信用代码", .code, aliases: ["投资方统一社会信用代码", "统一社会信用代码"]),
            Field("investor_origin", "投资方所在地", .text, aliases: ["投资方来源地", "企业所在地"]),
            Field("industry", "所属产业", .text, aliases: ["产业", "所属行业"]),
            Field("is_leading", "是否主导产业", .bool, aliases: ["主导产业"], columnOwner: "商务局"),
            Field("content", "建设内容", .text, aliases: ["主要建设内容", "项目内容", "建设规模及主要内容"]),
            Field("total_invest", "计划总投资", .money, aliases: ["总投资", "项目总投资"]),
            Field("signed_amount", "签约额", .money, aliases: ["签约金额", "协议投资额", "合同金额"]),
            Field("confirmed_by", "商务局认定", .reference("org_unit"), aliases: ["签约额认定", "认定单位"], columnOwner: "商务局"),
            Field("confirmed_at", "认定日期", .date, aliases: ["认定时间"], columnOwner: "商务局"),
            Field("sign_form", "签约形式", .enumeration(.signForm), aliases: ["签约方式"]),
            Field("sign_date", "签约日期", .date, required: true, aliases: ["签约时间"]),
            Field("event", "签约活动", .text, aliases: ["签约场合", "签约平台"]),
            Field("landing_status", "落地状态", .enumeration(.landingStatus), aliases: ["落地情况"]),
            Field("registered_date", "注册时间", .date, aliases: ["注册日期"]),
            Field("start_date", "开工时间", .date, aliases: ["开工日期"]),
            Field("produce_date", "投产时间", .date, aliases: ["投产日期"]),
            Field("funds_arrived", "累计到位资金", .money, aliases: ["到位资金", "实际到位资金"]),
            Field("funds_out_of_province", "其中省外资金", .money, aliases: ["省外资金", "实际到位省外资金"]),
            Field("lead_unit_id", "属地单位", .reference("org_unit"), aliases: ["属地"]),
            Field("attract_unit_id", "招引单位", .reference("org_unit"), aliases: ["招商单位", "引进单位"]),
            Field("leader_id", "包联领导", .reference("person"), aliases: ["分包县处级领导", "联系县处级领导"]),
            Field("remark", "备注", .text),
        ]
    )
}
