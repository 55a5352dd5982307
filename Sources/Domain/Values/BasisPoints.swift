/// A ratio as a whole number of basis points (1 % = 100), the storage form of `FieldType.percent`.
///
/// Ratios are computed from their parts, never trusted from a typed percentage: 即办事项 742 of
/// 1215 政务服务事项 is 61.07 %, not the 61.2 % a report printed. Division rounds half away from
/// zero at the basis point, in integers only.
public struct BasisPoints: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The ratio in hundredths of a percent: 6107 means 61.07 %.
    public let rawValue: Int64

    /// A ratio of `rawValue` basis points.
    public init(rawValue: Int64) { self.rawValue = rawValue }

    /// `part ÷ whole`, rounded half away from zero to a basis point; nil when `whole` is zero or the
    /// ratio does not fit.
    ///
    ///     BasisPoints(part: 742, of: 1215)?.format()  // "61.07"
    ///     BasisPoints(part: 5, of: 12)?.format()      // "41.67" (序时进度 for 1—5月)
    public init?(part: Int64, of whole: Int64) {
        guard whole != 0 else { return nil }
        let numerator = part.magnitude.multipliedFullWidth(by: 10_000)
        let divisor = whole.magnitude
        guard numerator.high < divisor else { return nil }
        var (quotient, remainder) = divisor.dividingFullWidth(numerator)
        if remainder >= divisor - remainder { quotient += 1 }
        guard quotient <= UInt64(Int64.max) else { return nil }
        let negative = (part < 0) != (whole < 0)
        self.rawValue = negative ? -Int64(quotient) : Int64(quotient)
    }

    /// `part ÷ whole` of two amounts (e.g. 1—M月累计 ÷ 年度计划投资); nil when `whole` is zero.
    public init?(part: Money, of whole: Money) {
        self.init(part: part.yuan, of: whole.yuan)
    }

    /// The percentage number with `decimals` places (0–12, default 2), rounded half away from
    /// zero, without the `%` sign: `61.07`.
    public func format(decimals: Int = 2) -> String {
        DecimalFormatting.format(rawValue, impliedDecimals: 2, decimals: decimals, grouping: false)
    }

    /// The percentage with two decimals and a `%` sign: `61.07%`.
    public var description: String { format() + "%" }

    public static func < (lhs: BasisPoints, rhs: BasisPoints) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The difference in 百分点 ×100 (e.g. 完成率 − 序时进度).
    public static func - (lhs: BasisPoints, rhs: BasisPoints) -> BasisPoints {
        BasisPoints(rawValue: lhs.rawValue - rhs.rawValue)
    }
}
