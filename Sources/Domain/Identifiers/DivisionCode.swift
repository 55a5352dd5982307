/// A GB/T 2260 行政区划代码: six digits, province (2) + prefecture (2) + county (2).
///
/// `410000` 河南省 › `410100` 郑州市 › `410103` 二七区. The check is structural (digits, a real
/// province prefix, no county part under a `00` prefecture); whether a code is *currently* in
/// force is reference data, not something this type knows. Statistical-only county codes such as
/// `410171` 郑州经济技术开发区 pass the structural check too.
public struct DivisionCode: Sendable, Hashable, Comparable, CustomStringConvertible, RawRepresentable {
    /// The administrative level a code denotes.
    public enum Level: Int, Sendable, Hashable, Comparable {
        case province, prefecture, county
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The six digits.
    public let rawValue: String

    /// Province-level prefixes in GB/T 2260 (incl. 71 台湾, 81 香港, 82 澳门).
    static let provincePrefixes: Set<String> = [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "71", "81", "82",
    ]

    /// A code in canonical form (six ASCII digits), or nil.
    public init?(rawValue: String) {
        guard (try? Self(validating: rawValue)).map({ $0.rawValue == rawValue }) == true else { return nil }
        self.rawValue = rawValue
    }

    /// Reads a typed code, folding full-width digits and surrounding spaces.
    /// - Throws: ``ValueError`` `division_code.format`.
    public init(validating text: String) throws(ValueError) {
        let digits = TextFolding.trimmed(TextFolding.foldWidth(text).text)
        guard digits.utf8.count == 6, digits.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else {
            throw ValueError(.divisionCodeFormat, "行政区划代码应为6位数字", value: text)
        }
        guard Self.provincePrefixes.contains(String(digits.prefix(2))) else {
            throw ValueError(.divisionCodeFormat, "行政区划代码前两位“\(digits.prefix(2))”不是省级代码", value: text)
        }
        if digits.dropFirst(2).prefix(2) == "00", digits.suffix(2) != "00" {
            throw ValueError(.divisionCodeFormat, "行政区划代码地市部分为00时，县级部分也应为00", value: text)
        }
        self.rawValue = digits
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Province for `xx0000`, prefecture for `xxxx00`, county otherwise.
    public var level: Level {
        if rawValue.hasSuffix("0000") { .province } else if rawValue.hasSuffix("00") { .prefecture } else { .county }
    }

    /// The province this code lies in (itself for a province).
    public var province: DivisionCode { DivisionCode(unchecked: rawValue.prefix(2) + "0000") }

    /// The prefecture this code lies in (itself for a prefecture), nil for a province.
    public var prefecture: DivisionCode? {
        level == .province ? nil : DivisionCode(unchecked: rawValue.prefix(4) + "00")
    }

    /// The code one level up, nil for a province.
    public var parent: DivisionCode? {
        switch level {
        case .province: nil
        case .prefecture: province
        case .county: prefecture
        }
    }

    /// Whether `other` is this code or lies inside it.
    public func contains(_ other: DivisionCode) -> Bool {
        switch level {
        case .province: other.rawValue.prefix(2) == rawValue.prefix(2)
        case .prefecture: other.rawValue.prefix(4) == rawValue.prefix(4)
        case .county: other == self
        }
    }

    init(unchecked rawValue: String) { self.rawValue = rawValue }
}
