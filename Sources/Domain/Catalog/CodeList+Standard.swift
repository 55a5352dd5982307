extension CodeList {
    /// 四库库别 of industrial projects.
    public static let pool = CodeList("四库库别", ["谋划库", "招引库", "签约库", "落地库", "已出库"])
    /// 项目阶段 (Henan usage).
    public static let stage = CodeList("项目阶段", ["前期", "新开工", "续建", "竣工投产", "停缓建"])
    /// 建设性质.
    public static let nature = CodeList("建设性质", ["新建", "扩建", "改建", "迁建"])
    /// 单位类别.
    public static let unitKind = CodeList("单位类别", ["省", "市", "区县", "街道", "镇", "乡", "管委会", "局委", "平台公司"])
}

extension CodeList {
    /// 线索来源 of an investment lead ([seed 003]: 以商招商、资本招商、市场招商、存量资源招商、云招商、第三方机构).
    public static let leadSource = CodeList(
        "线索来源", ["以商招商", "外出招商", "来访", "中介机构", "资本招商", "市场招商", "线上云招商", "存量资源", "其他"])
    /// 线索状态, the 招商 funnel from first contact to signing.
    public static let leadStatus = CodeList("线索状态", ["初步接洽", "在谈", "拟签约", "已签约", "已终止"])
    /// 对接类型 of a visit or trip ([seed 003]: 主要领导带队 / 小分队).
    public static let visitKind = CodeList("对接类型", ["主要领导带队", "小分队", "来访接待", "线上"])
    /// 签约形式.
    public static let signForm = CodeList("签约形式", ["框架协议", "投资协议", "正式合同"])
    /// 落地状态 of a signed project, in order of progress.
    public static let landingStatus = CodeList("落地状态", ["未落地", "已注册", "已供地", "已开工", "已投产"])
    /// 称号类型 of an enterprise honour or qualification.
    public static let honorKind = CodeList(
        "称号类型",
        [
            "高新技术企业", "科技型中小企业", "创新型中小企业", "专精特新中小企业", "专精特新\"小巨人\"", "市级总部企业",
            "瞪羚", "独角兽", "科技小巨人",
        ])
    /// 认定级别 of an honour.
    public static let honorLevel = CodeList("认定级别", ["国家", "省", "市", "区"])
    /// 属性 of an indicator in a plan's indicator table.
    public static let indicatorAttribute = CodeList("指标属性", ["预期性", "约束性"])
    /// 方向 of an indicator: whether more is better.
    public static let indicatorDirection = CodeList("指标方向", ["越大越好", "越小越好"])
    /// 比较方式 of a target, stored as ASCII codes: EQ 达到/计划, GE 以上/不低于, GT 超过/突破,
    /// LE 不高于/以内, LT 低于, APPROX 左右, RANGE 区间 (`1-2`, `10-15`; the upper bound is separate).
    public static let comparator = CodeList("比较方式", ["EQ", "GE", "GT", "LE", "LT", "APPROX", "RANGE"])
    /// 填报状态 of a periodic report row.
    public static let reportStatus = CodeList("填报状态", ["草稿", "已提交", "已审核", "退回"])
}
