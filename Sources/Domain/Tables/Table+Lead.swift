extension Table {
    /// 招商线索: an investment lead from first contact to signing or termination. NK: 线索编号
    /// (`{office}-{YYYY}-{NNNN}`); (信用代码, 属地单位) is indexed as a duplicate hint.
    ///
    /// Enterprise contact details are deliberately not columns here: leads are sensitive and
    /// contacts live with the enterprise, visible to the owner and 商务局 only.
    public static let lead = Table(
        "lead", "招商线索",
        naturalKey: ["lead_no"],
        groups: [
            ColumnGroup("enterprise", ["enterprise_name", "enterprise_uscc"]),
            ColumnGroup("industry_class", ["industry", "is_leading"]),
        ],
        indexes: [["enterprise_uscc", "lead_unit_id"], ["status"]],
        fields: [
            Field("lead_no", "线索编号", .code, required: true),
            Field("title", "线索名称", .text, required: true, aliases: ["线索内容", "项目名称"]),
            Field("source", "线索来源", .enumeration(.leadSource), aliases: ["来源", "信息来源"]),
            Field("enterprise_name", "企业名称", .text, aliases: ["投资方", "对接企业"]),
            Field("enterprise_uscc", "信用代码", .code, aliases: ["统一社会信用代码", "企业信用代码"]),
            Field("origin_region", "投资方所在地", .text, aliases: ["企业所在地", "投资方来源地"]),
            Field("industry", "所属产业", .text, aliases: ["产业", "所属行业"]),
            Field("is_leading", "是否主导产业", .bool, aliases: ["主导产业"]),
            Field("intended_invest", "拟投资额", .money, aliases: ["意向投资额", "拟投资", "计划投资额"]),
            Field("status", "状态", .enumeration(.leadStatus), aliases: ["当前状态", "线索状态", "进展状态"]),
            Field("project_id", "关联项目", .reference("project"), aliases: ["项目编号"]),
            Field("lead_unit_id", "属地单位", .reference("org_unit"), aliases: ["属地"]),
            Field("report_unit_id", "报送单位", .reference("org_unit"), aliases: ["填报单位"]),
            Field("next_step", "下一步计划", .text, aliases: ["下步计划", "下一步工作计划"]),
            Field("remark", "备注", .text),
        ]
    )
}
