extension Table {
    /// 四库流转: append-only history of a project's moves between the four pools (`project.pool` is
    /// the current value). NK: (项目, 流转日期).
    ///
    /// The approval columns belong to the district's 四库 lead unit — 发改委 or 商务局, configured per
    /// district (the seeds do not say which) — hence the role name `四库牵头单位`.
    public static let poolTransition = Table(
        "pool_transition", "四库流转",
        naturalKey: ["project_id", "changed_at"],
        groups: [
            ColumnGroup("pools", ["from_pool", "to_pool"]),
            ColumnGroup("application", ["applicant_unit_id", "applied_at"]),
            ColumnGroup("approval", ["approver_unit_id", "approved_at"]),
        ],
        fields: [
            Field("project_id", "项目", .reference("project"), required: true, aliases: ["项目编号", "项目名称"]),
            Field("changed_at", "流转日期", .date, required: true, aliases: ["转库日期", "转库时间", "变更日期"]),
            Field("from_pool", "原库别", .enumeration(.pool), aliases: ["转出库"]),
            Field("to_pool", "新库别", .enumeration(.pool), required: true, aliases: ["转入库", "现库别"]),
            Field("applicant_unit_id", "申请单位", .reference("org_unit")),
            Field("applied_at", "申请日期", .date, aliases: ["申请时间"]),
            Field("approver_unit_id", "审批单位", .reference("org_unit"), columnOwner: "四库牵头单位"),
            Field("approved_at", "审批日期", .date, aliases: ["审批时间"], columnOwner: "四库牵头单位"),
            Field("reason", "原因", .text, aliases: ["转库原因", "流转原因"]),
        ]
    )
}
