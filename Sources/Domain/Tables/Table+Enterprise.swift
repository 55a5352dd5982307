extension Table {
    /// 企业: enterprises in the district. NK: 统一社会信用代码 (unique nationally, validated by
    /// ``CreditCode``).
    ///
    /// The 属地单位 is recorded explicitly: the credit code's area part names the *registering*
    /// authority, often the city, and must never decide which office owns an enterprise.
    public static let enterprise = Table(
        "enterprise", "企业",
        naturalKey: ["uscc"],
        groups: [
            ColumnGroup("listing", ["is_listed", "stock_code", "listed_on"]),
            ColumnGroup("contact_info", ["contact", "phone"]),
        ],
        indexes: [["lead_unit_id"], ["name"]],
        fields: [
            Field("uscc", "统一社会信用代码", .code, required: true, aliases: ["信用代码", "社会信用代码", "统一代码"]),
            Field("name", "企业名称", .text, required: true, aliases: ["企业全称", "单位名称"]),
            Field("former_names", "曾用名", .text),
            Field("lead_unit_id", "属地单位", .reference("org_unit"), aliases: ["属地", "所属镇办"]),
            Field("address", "注册地址", .text, aliases: ["住所", "企业地址"]),
            Field("industry", "所属行业", .text, aliases: ["国民经济行业分类", "行业分类", "行业"]),
            Field("registered_capital", "注册资本", .money, aliases: ["注册资金"]),
            Field("established_on", "成立日期", .date, aliases: ["成立时间"]),
            Field("legal_rep", "法定代表人", .text, aliases: ["法人代表", "法人"]),
            Field("contact", "联系人", .text),
            Field("phone", "联系电话", .code, aliases: ["电话"]),
            Field("is_above_scale", "是否规上", .bool, aliases: ["规上企业", "是否规模以上"]),
            Field("is_listed", "是否上市", .bool, aliases: ["上市企业"]),
            Field("stock_code", "证券代码", .code, aliases: ["股票代码"]),
            Field("listed_on", "上市日期", .date, aliases: ["上市时间"]),
        ]
    )
}
