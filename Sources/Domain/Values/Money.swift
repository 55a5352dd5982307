/// An amount of money stored exactly as a whole number of 元 (`Int64`).
///
/// Every figure DistrictSync handles — 万元 ledgers with up to four decimals, 亿元 summaries — is a
/// whole number of 元, so storing 元 keeps sums and 合计 rows exact. Binary floating point is never
/// used: parsing (``parse(_:defaultUnit:)``) and formatting (``format(in:decimals:grouping:)``) are
/// decimal string arithmetic on integers.
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The amount in 元.
    public let yuan: Int64

    /// An amount of `yuan` 元.
    public init(yuan: Int64) { self.yuan = yuan }

    /// `amount` whole units (`Money(6_182_000, .wanYuan)`), or nil when it overflows `Int64` 元.
    public init?(_ amount: Int64, _ unit: MoneyUnit) {
        let (value, overflow) = amount.multipliedReportingOverflow(by: unit.yuanPerUnit)
        guard !overflow else { return nil }
        self.yuan = value
    }

    /// Zero 元.
    public static let zero = Money(yuan: 0)

    /// The amount in 元 with no separators, e.g. `3698000000元`.
    public var description: String { "\(yuan)元" }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.yuan < rhs.yuan }

    /// The sum, or nil on overflow (use for totals over imported data).
    public func adding(_ other: Money) -> Money? {
        let (value, overflow) = yuan.addingReportingOverflow(other.yuan)
        return overflow ? nil : Money(yuan: value)
    }

    /// The difference, or nil on overflow.
    public func subtracting(_ other: Money) -> Money? {
        let (value, overflow) = yuan.subtractingReportingOverflow(other.yuan)
        return overflow ? nil : Money(yuan: value)
    }

    /// The sum of `amounts` (zero when empty), or nil on overflow.
    public static func sum(_ amounts: some Sequence<Money>) -> Money? {
        var total = Money.zero
        for amount in amounts {
            guard let next = total.adding(amount) else { return nil }
            total = next
        }
        return total
    }

    /// Sum; traps on overflow like `Int64` (prefer ``adding(_:)`` for imported data).
    public static func + (lhs: Money, rhs: Money) -> Money { Money(yuan: lhs.yuan + rhs.yuan) }

    /// Difference; traps on overflow like `Int64` (prefer ``subtracting(_:)`` for imported data).
    public static func - (lhs: Money, rhs: Money) -> Money { Money(yuan: lhs.yuan - rhs.yuan) }

    /// The negated amount.
    public static prefix func - (amount: Money) -> Money { Money(yuan: -amount.yuan) }
}
