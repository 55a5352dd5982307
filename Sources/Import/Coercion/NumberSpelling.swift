/// Turns the spelling of a number cell (`1291.0599999999999`, `1.5E+8`) into the plain decimal a clerk saw
/// in Excel: exponent expanded, rounded to Excel's 15 significant digits, trailing zeros dropped.
/// Pure string arithmetic, never binary floating point.
enum NumberSpelling {
    static func plain(_ spelling: String) -> String? {
        var text = Substring(spelling)
        var negative = false
        if text.first == "-" { negative = true; text = text.dropFirst() } else if text.first == "+" { text = text.dropFirst() }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "E" || $0 == "e" }) {
            guard let value = Int(text[text.index(after: e)...]) else { return nil }
            exponent = value
            text = text[..<e]
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !text.isEmpty else { return nil }
        let integerPart = String(parts[0]), fractionPart = parts.count == 2 ? String(parts[1]) : ""
        guard (integerPart + fractionPart).allSatisfy({ $0.isASCII && $0.isNumber }), !(integerPart + fractionPart).isEmpty else { return nil }
        // digits × 10^(point - digits.count)
        var digits = Array((integerPart + fractionPart).utf8).map { Int($0 - 48) }
        var point = integerPart.count + exponent
        while digits.count > 1, digits.first == 0 { digits.removeFirst(); point -= 1 }
        if digits.allSatisfy({ $0 == 0 }) { return "0" }
        if digits.count > 15 {
            let roundUp = digits[15] >= 5
            digits = Array(digits.prefix(15))
            if roundUp {
                var i = 14
                while i >= 0 {
                    if digits[i] == 9 { digits[i] = 0; i -= 1 } else { digits[i] += 1; break }
                }
                if i < 0 { digits.insert(1, at: 0); point += 1; digits.removeLast() }
            }
        }
        var whole = "", fraction = ""
        for (i, d) in digits.enumerated() {
            if i < point { whole.append(Character(String(d))) } else { fraction.append(Character(String(d))) }
        }
        if point > digits.count { whole += String(repeating: "0", count: point - digits.count) }
        if point < 0 { fraction = String(repeating: "0", count: -point) + fraction }
        while fraction.last == "0" { fraction.removeLast() }
        while whole.count > 1, whole.first == "0" { whole.removeFirst() }
        if whole.isEmpty { whole = "0" }
        let body = fraction.isEmpty ? whole : whole + "." + fraction
        return negative && body != "0" ? "-" + body : body
    }
}
