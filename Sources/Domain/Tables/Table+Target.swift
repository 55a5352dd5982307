extension Table {
    /// 目标: the target of one indicator for one unit and period (年度 `2024`, or `2025` for 十四五).
    /// NK: (指标, 目标单位, 期别).
    ///
    /// Values are kept as exact decimal text in the indicator's unit (`6.8` 万平方米, `500` 亿元): the
    /// catalog has no decimal field type yet, and binary floating point is not acceptable. The
    /// value, 比较方式, 上限, 力争 and the original wording are one group — they are read together
    /// from one phrase such as “力争突破500亿元” or “1-2个”.
    public static let target = Table(
        "target", "目标",
        naturalKey: ["indicator_id", "unit_id", "period"],
        groups: [
            ColumnGroup("target", ["value", "comparator", "upper", "is_aspirational", "original_text"]),
            ColumnGroup("base", ["base_year", "base_value"]),
        ],
        fields: [
            Field("indicator_id", "指标", .reference("indicator"), required: true, aliases: ["指标名称"]),
            Field("unit_id", "目标单位", .reference("org_unit"), required: true, aliases: ["考核单位", "镇办"]),
            Field("period", "期别", .period, required: true, aliases: ["目标年度", "年度", "规划期"]),
            Field("value", "目标值", .text, required: true, aliases: ["年度目标", "目标", "目标任务"]),
            Field("comparator", "比较方式", .enumeration(.comparator), required: true, aliases: ["比较"]),
            Field("upper", "上限", .text, aliases: ["目标上限"]),
            Field("is_aspirational", "力争", .bool, aliases: ["是否力争"]),
            Field("original_text", "原文", .text, aliases: ["目标表述", "目标原文"]),
            Field("base_year", "基期年份", .integer, aliases: ["基期"]),
            Field("base_value", "基期值", .text, aliases: ["基期数值"]),
            Field("source_doc", "依据文件", .text, aliases: ["文件依据", "依据"]),
        ]
    )
}
