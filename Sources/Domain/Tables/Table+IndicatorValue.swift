extension Table {
    /// 完成情况: the cumulative value reached against a target in one period (`YYYY-MM`, `YYYY-Qn`).
    /// NK: (目标, 期别). The value is exact decimal text, as on ``Table/target``.
    public static let indicatorValue = Table(
        "indicator_value", "完成情况",
        naturalKey: ["target_id", "period"],
        fields: [
            Field("target_id", "目标", .reference("target"), required: true),
            Field("period", "期别", .period, required: true, aliases: ["填报期", "月份", "季度"]),
            Field("value", "累计完成值", .text, required: true, aliases: ["完成值", "累计完成", "完成情况"]),
            Field("report_unit_id", "填报单位", .reference("org_unit"), aliases: ["报送单位"]),
            Field("note", "说明", .text, aliases: ["情况说明", "备注"]),
        ]
    )
}
