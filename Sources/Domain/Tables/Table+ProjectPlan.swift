extension Table {
    /// 项目年度计划: one row per project and year. NK: (项目, 年度).
    public static let projectPlan = Table(
        "project_plan", "项目年度计划",
        naturalKey: ["project_id", "year"],
        fields: [
            Field("project_id", "项目", .reference("project"), required: true, aliases: ["项目编号", "项目名称"]),
            Field("year", "年度", .integer, required: true, aliases: ["计划年度"]),
            Field(
                "annual_invest", "年度计划投资", .money,
                aliases: ["年度投资计划", "年度投资目标", "年度计划", "年度计划完成投资", "本年计划投资"]),
            Field("is_new_start", "是否年度新开工", .bool, aliases: ["是否新开工", "年度新开工"]),
            Field("annual_content", "年度建设内容", .text, aliases: ["年度建设目标", "年度主要建设内容"]),
            Field("list_doc", "列入名单", .text, aliases: ["名单文号", "列入名单文号", "文号"]),
        ]
    )
}
