extension Table {
    /// 人员: the 县处级 leaders who 分包 projects and lead trips. NK: (姓名, 职务, 所在单位).
    ///
    /// Only what the ledgers name; no phone numbers or ID numbers are kept for people.
    public static let person = Table(
        "person", "人员",
        naturalKey: ["name", "title", "unit_id"],
        fields: [
            Field("name", "姓名", .text, required: true, aliases: ["领导姓名"]),
            Field("title", "职务", .text, required: true, aliases: ["领导职务"]),
            Field("unit_id", "所在单位", .reference("org_unit"), required: true, aliases: ["工作单位", "单位"]),
            Field("is_county_level", "是否县处级", .bool, aliases: ["县处级"]),
        ]
    )
}
