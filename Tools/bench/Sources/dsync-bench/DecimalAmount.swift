/// Exact conversion of a decimal amount typed in a unit (亿元 here) to integer 元, without floating point.
enum DecimalAmount {
    /// "369.80" in 亿元 → 36_980_000_000 元. Nil when the text is not a plain decimal.
    static func yuan(_ text: String, yuanPerUnit: Int64) -> Int64? {
        var whole: Int64 = 0, frac: Int64 = 0, fracDigits = 0, seenDot = false, negative = false, any = false
        for (n, b) in text.utf8.enumerated() {
            switch b {
            case 45 where n == 0: negative = true
            case 46 where !seenDot: seenDot = true
            case 48...57:
                any = true
                if seenDot { frac = frac * 10 + Int64(b - 48); fracDigits += 1 } else { whole = whole * 10 + Int64(b - 48) }
            default: return nil
            }
        }
        guard any else { return nil }
        var scale: Int64 = 1
        for _ in 0..<fracDigits { scale *= 10 }
        guard yuanPerUnit % scale == 0 else { return nil }
        let v = whole * yuanPerUnit + frac * (yuanPerUnit / scale)
        return negative ? -v : v
    }
}
