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
