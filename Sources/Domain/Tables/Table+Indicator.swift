extension Table {
    /// 指标: a named measure a district sets targets for (新签约项目, 签约额, 高新技术企业 …).
    /// NK: (所属区, 指标编码).
    public static let indicator = Table(
        "indicator", "指标",
        naturalKey: ["district_id", "code"],
        indexes: [["resp_unit_id"]],
        fields: [
            Field("district_id", "所属区", .reference("org_unit"), required: true, aliases: ["区县"]),
            Field("code", "指标编码", .code, required: true, aliases: ["指标代码", "编码"]),
            Field("name", "指标名称", .text, required: true, aliases: ["指标", "指标项"]),
            Field("unit", "单位", .text, aliases: ["计量单位"]),
            Field("category", "类别", .text, aliases: ["指标类别"]),
            Field("attribute", "属性", .enumeration(.indicatorAttribute), required: true, aliases: ["指标属性"]),
            Field("direction", "方向", .enumeration(.indicatorDirection), aliases: ["指标方向"]),
            Field("resp_unit_id", "责任单位", .reference("org_unit"), aliases: ["牵头单位", "责任部门"]),
        ]
    )
}
