extension Table {
    /// 对接记录 / 外出招商: a contact with a lead's enterprise, or an outbound trip.
    /// NK: (关联线索, 日期, 当日序次).
    ///
    /// A trip that is not tied to one lead (党政主要领导带队 / 小分队 visiting several firms) has no
    /// `lead_id`; importers then match on the indexed (`visit_date`, `destination`) within the
    /// owning office, as DOMAIN.md §5.1 describes for trips.
    public static let visit = Table(
        "visit", "对接记录",
        naturalKey: ["lead_id", "visit_date", "seq"],
        groups: [ColumnGroup("trip", ["kind", "destination", "leader_id"])],
        indexes: [["visit_date", "destination"]],
        fields: [
            Field("lead_id", "关联线索", .reference("lead"), aliases: ["线索编号"]),
            Field("visit_date", "日期", .date, required: true, aliases: ["对接日期", "对接时间", "外出时间", "考察日期"]),
            Field("seq", "当日序次", .integer, required: true),
            Field("kind", "类型", .enumeration(.visitKind), aliases: ["对接方式", "对接类型", "招商类型"]),
            Field("destination", "目的地城市", .text, aliases: ["目的地", "外出城市", "考察地点"]),
            Field("leader_id", "带队领导", .reference("person"), aliases: ["带队县处级领导"]),
            Field("companies", "走访企业", .text, aliases: ["考察企业", "走访企业名称"]),
            Field("result", "成果", .text, aliases: ["对接成果", "对接情况", "成效"]),
        ]
    )
}
