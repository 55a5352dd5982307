/// CSV field encoding for exports opened in Excel/WPS.
///
/// Text that a spreadsheet would run as a formula — starting with `=`, `+`, `-`, `@`, tab, CR or LF —
/// gets a leading `'` (OWASP CSV injection rule); numbers are never prefixed, so a negative amount stays
/// a number. Fields with a separator, quote, CR or LF, and every prefixed field, are quoted with `"`
/// doubled inside.
public enum CSVField {
    static let dangerous: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\n", "\r\n"]

    /// A text cell.
    public static func text(_ s: String) -> String {
        var v = s
        var quote = false
        if let first = v.first, dangerous.contains(first) || first.unicodeScalars.first.map({ [0x09, 0x0D, 0x0A].contains($0.value) }) == true {
            v = "'" + v
            quote = true
        }
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) { quote = true }
        guard quote else { return v }
        return "\"" + v.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// A number cell (integers, decimals), written as is.
    public static func number(_ n: Int64) -> String { String(n) }
}

