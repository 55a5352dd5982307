public import Domain

/// A header label as the matcher reads it: width folded, spaces removed, brackets unified, and units in
/// brackets taken off the label and kept as the column's unit.
///
///     HeaderText("投资情况（万元）/总 投 资").segments  // ["投资情况", "总投资"], moneyUnit 万元
public struct HeaderText: Sendable, Hashable {
    /// The label as the file spelt it.
    public let original: String
    /// Parent first, each normalised and without its unit (`["投资情况", "总投资"]`).
    public let segments: [String]
    /// The money unit the label names, the child's unit winning over a parent's.
    public let moneyUnit: MoneyUnit?
    /// Whether the label says its values are percentages (`(%)`, a trailing `%`).
    public let isPercent: Bool

    public init(_ label: String) {
        original = label
        var unit: MoneyUnit?
        var percent = false
        var segments: [String] = []
        for raw in Self.fold(label).split(separator: "/", omittingEmptySubsequences: true) {
            let (name, segmentUnit, segmentPercent) = Self.stripUnits(String(raw))
            if let segmentUnit { unit = segmentUnit }
            percent = percent || segmentPercent
            if !name.isEmpty { segments.append(Self.canonicalPhrases(name)) }
        }
        self.segments = segments
        moneyUnit = unit
        isPercent = percent
    }

    /// The names to try, most specific first: the whole path, then the last segment.
    public var candidates: [String] {
        var out: [String] = []
        if segments.count > 1 { out.append(segments.joined(separator: "/")) }
        if let last = segments.last { out.append(last) }
        return out
    }

    /// Normalises a label or alias for comparison (no unit stripping): full-width ASCII folded, spaces
    /// and line breaks removed, brackets and dashes unified, ASCII lower-cased, `_` removed.
    public static func key(_ text: String) -> String {
        let folded = fold(text)
        let (name, _, _) = stripUnits(folded)
        return canonicalPhrases(name)
    }

    static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x09, 0x0A, 0x0D, 0x20, 0xA0, 0x3000, 0x200B, 0xFEFF: continue
            case 0xFF01...0xFF5E:
                let ascii = Unicode.Scalar(v - 0xFEE0)!
                out.append(contentsOf: lowered(bracket(ascii)).unicodeScalars)
            case 0x3010, 0x3014, 0xFF3B, 0x3016: out.append("(")
            case 0x3011, 0x3015, 0xFF3D, 0x3017: out.append(")")
            case 0x2014, 0x2013, 0x2015, 0xFF0D, 0x2212: out.append("-")
            case 0x005F: continue
            default: out.append(contentsOf: lowered(bracket(scalar)).unicodeScalars)
            }
        }
        return String(out)
    }

    private static func bracket(_ s: Unicode.Scalar) -> Unicode.Scalar {
        switch s {
        case "[": "("
        case "]": ")"
        default: s
        }
    }

    private static func lowered(_ s: Unicode.Scalar) -> String {
        ("A"..."Z").contains(s) ? String(s).lowercased() : String(s)
    }

    /// Removes every `(…)` group, returning what is left, the money unit named in a group and whether a
    /// group (or a trailing `%`) says percent.
    static func stripUnits(_ text: String) -> (String, MoneyUnit?, Bool) {
        var name = ""
        var unit: MoneyUnit?
        var percent = false
        var depth = 0
        var inner = ""
        for ch in text {
            if ch == "(" {
                depth += 1
                if depth == 1 { inner = "" }
                continue
            }
            if ch == ")", depth > 0 {
                depth -= 1
                if depth == 0 {
                    if let u = MoneyUnit.named(inHeader: "(" + inner + ")") { unit = u }
                    if inner == "%" || inner == "百分比" { percent = true }
                }
                continue
            }
            if depth > 0 { inner.append(ch) } else { name.append(ch) }
        }
        for suffix in ["%", "(%)"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
            percent = true
        }
        for suffix in ["万元", "亿元"] where name.hasSuffix(suffix) && name.count > suffix.count + 1 {
            unit = MoneyUnit(rawValue: suffix)
            name.removeLast(suffix.count)
        }
        return (name, unit, percent)
    }

    /// Rewrites phrases that vary by report month: `1-5月累计完成投资` → `自年初累计完成投资`.
    static func canonicalPhrases(_ name: String) -> String {
        let chars = Array(name)
        guard chars.count > 4, chars[0] == "1", chars[1] == "-" else { return name }
        var i = 2
        while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
        guard i > 2, i + 2 < chars.count, chars[i] == "月", chars[i + 1] == "累", chars[i + 2] == "计" else { return name }
        return "自年初" + String(chars[(i + 1)...])
    }
}
