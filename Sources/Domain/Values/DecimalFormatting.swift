/// Integer-only decimal rendering shared by ``Money`` and ``BasisPoints``: no binary floating
/// point anywhere, rounding half away from zero (the 四舍五入 clerks expect, also for negatives).
enum DecimalFormatting {
    /// Renders `value`, which counts units of 10^−`impliedDecimals`, with `decimals` places.
    ///
    ///     format(3_698_000_0000, impliedDecimals: 4, decimals: 2, grouping: true) // "3,698,000.00"
    static func format(_ value: Int64, impliedDecimals: Int, decimals: Int, grouping: Bool) -> String {
        let decimals = max(0, min(decimals, 12))
        let divisor = power(impliedDecimals)
        let magnitude = value.magnitude
        var whole = magnitude / divisor
        let remainder = magnitude % divisor
        var fraction: String
        if decimals >= impliedDecimals {
            fraction = padded(remainder, width: impliedDecimals) + String(repeating: "0", count: decimals - impliedDecimals)
        } else {
            let drop = power(impliedDecimals - decimals)
            var kept = remainder / drop
            if (remainder % drop) * 2 >= drop { kept += 1 }
            if kept == power(decimals) {
                whole += 1
                kept = 0
            }
            fraction = decimals == 0 ? "" : padded(kept, width: decimals)
        }
        let isZero = whole == 0 && fraction.allSatisfy { $0 == "0" }
        var text = value < 0 && !isZero ? "-" : ""
        text += grouping ? grouped(whole) : String(whole)
        if !fraction.isEmpty { text += "." + fraction }
        return text
    }

    /// 10^exponent for 0 ≤ exponent ≤ 19.
    static func power(_ exponent: Int) -> UInt64 {
        var result: UInt64 = 1
        for _ in 0..<max(0, min(exponent, 19)) { result *= 10 }
        return result
    }

    /// Digits with a comma every three places: `3698000` → `3,698,000`.
    static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }

    private static func padded(_ value: UInt64, width: Int) -> String {
        guard width > 0 else { return "" }
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
