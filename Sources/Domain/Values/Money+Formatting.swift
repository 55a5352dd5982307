extension Money {
    /// The amount in `unit` with exactly `decimals` places (0–12), rounded half away from zero.
    ///
    ///     Money(yuan: 36_980_000_000).format(in: .wanYuan)                  // "3,698,000.00"
    ///     Money(yuan: 36_980_000_000).format(in: .wanYuan, grouping: false) // "3698000.00"
    ///     Money(yuan: 36_980_000_000).format(in: .yiYuan)                   // "369.80"
    ///
    /// The defaults are the ledger convention: 万元 with two decimals and thousands separators.
    public func format(in unit: MoneyUnit = .wanYuan, decimals: Int = 2, grouping: Bool = true) -> String {
        DecimalFormatting.format(yuan, impliedDecimals: unit.decimalExponent, decimals: decimals, grouping: grouping)
    }

    /// ``format(in:decimals:grouping:)`` followed by the unit, e.g. `369.80亿元`.
    public func formatWithUnit(_ unit: MoneyUnit = .wanYuan, decimals: Int = 2, grouping: Bool = true) -> String {
        format(in: unit, decimals: decimals, grouping: grouping) + unit.rawValue
    }
}

extension MoneyUnit {
    /// log10 of ``yuanPerUnit``: 0 for 元, 4 for 万元, 8 for 亿元.
    var decimalExponent: Int {
        switch self {
        case .yuan: 0
        case .wanYuan: 4
        case .yiYuan: 8
        }
    }
}
