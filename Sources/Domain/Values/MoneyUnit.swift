/// The units amounts are typed and reported in. Storage is always integer 元.
public enum MoneyUnit: String, Sendable, Hashable, CaseIterable {
    case yuan = "元"
    case wanYuan = "万元"
    case yiYuan = "亿元"

    /// How many 元 one of this unit is.
    public var yuanPerUnit: Int64 {
        switch self {
        case .yuan: 1
        case .wanYuan: 10_000
        case .yiYuan: 100_000_000
        }
    }
}
