extension Table {
    /// 单位: districts, sub-district offices, bureaus, 管委会 and platform companies. NK: 单位代码.
    public static let orgUnit = Table(
        "org_unit", "单位",
        naturalKey: ["unit_code"],
        groups: [ColumnGroup("validity", ["valid_from", "valid_to"]), ColumnGroup("stats", ["stats_code", "stats_edition"])],
        indexes: [["parent_id"]],
        fields: [
            Field("unit_code", "单位代码", .code, required: true),
            Field("name", "单位名称", .text, required: true),
            Field("short_name", "简称", .text),
            Field("kind", "单位类别", .enumeration(.unitKind), required: true),
            Field("parent_id", "上级单位", .reference("org_unit")),
            Field("gbt2260_code", "行政区划代码", .code),
            Field("stats_code", "统计用区划代码", .code),
            Field("stats_edition", "区划代码版本年份", .integer),
            Field("valid_from", "启用日期", .date),
            Field("valid_to", "停用日期", .date),
        ]
    )
}
