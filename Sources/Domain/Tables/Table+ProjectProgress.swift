extension Table {
    /// 项目月度进展: one row per project and report month. NK: (项目, 填报期).
    ///
    /// The three investment figures are one group (they are checked against each other:
    /// 自年初累计 = Σ 本月 of the year), and so is the review workflow.
    public static let projectProgress = Table(
        "project_progress", "项目月度进展",
        naturalKey: ["project_id", "period"],
        groups: [
            ColumnGroup("invest", ["month_invest", "ytd_invest", "cum_invest"]),
            ColumnGroup("review", ["status", "reported_by", "reported_at", "approved_by", "approved_at"]),
        ],
        indexes: [["period"]],
        fields: [
            Field("project_id", "项目", .reference("project"), required: true, aliases: ["项目编号", "项目名称"]),
            Field("period", "填报期", .period, required: true, aliases: ["报告期", "填报月份", "月份"]),
            Field(
                "month_invest", "本月完成投资", .money,
                aliases: ["本月完成", "当月完成投资", "本月完成投资额", "完成投资"]),
            Field(
                "ytd_invest", "自年初累计完成投资", .money,
                aliases: ["年累", "自年初累计完成", "年初至报告期累计完成投资", "本年累计完成投资", "年度累计完成投资"]),
            Field(
                "cum_invest", "自开工累计完成投资", .money,
                aliases: ["开累", "开累完成投资", "开工至报告期累计完成投资", "开工以来累计完成投资", "自开工累计完成"]),
            Field("image_progress", "形象进度", .text, aliases: ["工程形象进度", "形象进度情况"]),
            Field("next_plan", "下月计划", .text, aliases: ["下月工作计划", "下步计划"]),
            Field("problems", "存在问题", .text, aliases: ["存在的问题", "存在问题及需协调事项"]),
            Field("needs", "需协调事项", .text, aliases: ["需协调解决事项", "需要协调解决的问题"]),
            Field("status", "填报状态", .enumeration(.reportStatus), aliases: ["审核状态"]),
            Field("reported_by", "填报人", .text, aliases: ["填表人"]),
            Field("reported_at", "填报时间", .date, aliases: ["填报日期", "报送日期"]),
            Field("approved_by", "审核人", .text),
            Field("approved_at", "审核时间", .date, aliases: ["审核日期"]),
        ]
    )
}
