extension Table {
    /// 企业称号/资质: one recognition of one enterprise (高新技术企业 2023, 专精特新 …).
    /// NK: (统一社会信用代码, 类型, 认定年度); 证书编号 is indexed.
    ///
    /// DOMAIN.md keys honours on 证书编号 and falls back to 认定年度 when there is none; since a
    /// recognition always has a year and never two certificates of one kind in one year, the year
    /// form is used as the single key, and the certificate number is a searchable column.
    ///
    /// The 属地 office may enter a row; the certificate columns belong to the issuing bureau,
    /// named by the role `认定部门` and resolved per row with ``Table/honorIssuingBureau(for:)``.
    public static let enterpriseHonor = Table(
        "enterprise_honor", "企业称号",
        naturalKey: ["uscc", "kind", "year"],
        groups: [ColumnGroup("certificate", ["level", "cert_no", "issued_on", "valid_to", "issuer"])],
        indexes: [["cert_no"], ["kind", "year"]],
        fields: [
            Field("uscc", "统一社会信用代码", .code, required: true, aliases: ["信用代码"]),
            Field("kind", "类型", .enumeration(.honorKind), required: true, aliases: ["称号类型", "资质类型", "称号"]),
            Field("level", "级别", .enumeration(.honorLevel), aliases: ["认定级别"], columnOwner: honorOwnerRole),
            Field("year", "认定年度", .integer, required: true, aliases: ["认定年份"]),
            Field("cert_no", "证书编号", .code, aliases: ["证书号"], columnOwner: honorOwnerRole),
            Field("issued_on", "发证日期", .date, aliases: ["发证时间", "认定日期"], columnOwner: honorOwnerRole),
            Field("valid_to", "有效期至", .date, aliases: ["有效期", "到期日期"], columnOwner: honorOwnerRole),
            Field("is_new", "是否当年新增", .bool, aliases: ["是否新增", "当年新增"]),
            Field("issuer", "认定部门", .text, aliases: ["认定机构", "发证机关"], columnOwner: honorOwnerRole),
            Field("remark", "备注", .text),
        ]
    )

    /// The column-owner role of honour certificate columns: the bureau that issues the honour.
    public static let honorOwnerRole = "认定部门"

    /// The district bureau that owns (and approves) honours of `kind`, a ``CodeList/honorKind``
    /// value: 科技局 for 高新技术企业, 科技型中小企业, 瞪羚, 独角兽, 科技小巨人; 工信局 for
    /// 创新型/专精特新中小企业 and 专精特新"小巨人"; 发改委 for 市级总部企业. Nil for unknown kinds.
    public static func honorIssuingBureau(for kind: String) -> String? {
        switch kind {
        case "高新技术企业", "科技型中小企业", "瞪羚", "独角兽", "科技小巨人": "科技局"
        case "创新型中小企业", "专精特新中小企业", "专精特新\"小巨人\"": "工信局"
        case "市级总部企业": "发改委"
        default: nil
        }
    }
}
