/// A 统计用区划代码 below county level: 6 digits of county + 3 of 乡级 (+ 3 of 村级).
///
/// A township (街道/镇/乡) is written in its 9-digit form `410103001`, which is also how DistrictSync
/// names an office; the 12-digit form `410103001000` (village part `000`) reads as the same
/// township. A 12-digit code with a non-zero village part denotes a 社区/村.
///
/// Codes are **not stable across editions** (二七区's 016 meant 侯寨 in 2022 and 金水源 in 2023):
/// always keep the edition year next to a stored code and never use one as a permanent key.
public struct StatsAreaCode: Sendable, Hashable, Comparable, CustomStringConvertible, RawRepresentable {
    /// The class encoded in the first digit of the 乡级 part.
    public enum TownshipClass: String, Sendable, Hashable, CaseIterable {
        /// 001–099: 街道.
        case subdistrict = "街道"
        /// 100–199: 镇.
        case town = "镇"
        /// 200–399: 乡.
        case township = "乡"
        /// 400–599: 政企合一单位 / 开发区代管.
        case special = "政企合一/开发区"

        /// The ``CodeList/unitKind`` value for an office of this class (nil for 400–599, whose
        /// units have no single kind).
        public var unitKind: String? { self == .special ? nil : rawValue }

        init?(townshipNumber: Int) {
            switch townshipNumber {
            case 1...99: self = .subdistrict
            case 100...199: self = .town
            case 200...399: self = .township
            case 400...599: self = .special
            default: return nil
            }
        }
    }

    /// 9 digits for a township, 12 for a village-level code.
    public let rawValue: String

    /// A code in canonical form (9 digits, or 12 digits with a non-zero village part), or nil.
    public init?(rawValue: String) {
        guard (try? Self(validating: rawValue)).map({ $0.rawValue == rawValue }) == true else { return nil }
        self.rawValue = rawValue
    }

    /// Reads a typed 9- or 12-digit code, folding full-width digits and surrounding spaces.
    /// - Throws: ``ValueError`` `stats_code.format`.
    public init(validating text: String) throws(ValueError) {
        let digits = TextFolding.trimmed(TextFolding.foldWidth(text).text)
        let isDigits = digits.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        guard isDigits, digits.utf8.count == 9 || digits.utf8.count == 12 else {
            throw ValueError(.statsCodeFormat, "统计用区划代码应为9位（乡级）或12位数字", value: text)
        }
        guard (try? DivisionCode(validating: String(digits.prefix(6))))?.level == .county else {
            throw ValueError(.statsCodeFormat, "统计用区划代码前6位“\(digits.prefix(6))”不是县级区划代码", value: text)
        }
        let township = Int(digits.dropFirst(6).prefix(3)) ?? 0
        guard TownshipClass(townshipNumber: township) != nil else {
            throw ValueError(.statsCodeFormat, "统计用区划代码第7至9位（乡级）应在001至599之间", value: text)
        }
        self.rawValue = digits.hasSuffix("000") && digits.utf8.count == 12 ? String(digits.prefix(9)) : digits
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.twelveDigitForm < rhs.twelveDigitForm }

    /// The county part (first six digits). May be a statistical-only code such as `410171`.
    public var county: DivisionCode { DivisionCode(unchecked: String(rawValue.prefix(6))) }

    /// The three 乡级 digits, e.g. `001`.
    public var townshipPart: String { String(rawValue.dropFirst(6).prefix(3)) }

    /// The three 村级 digits of a village-level code, nil for a township.
    public var villagePart: String? { isVillage ? String(rawValue.suffix(3)) : nil }

    /// Whether the code denotes a 社区/村 rather than a township.
    public var isVillage: Bool { rawValue.utf8.count == 12 }

    /// The class of the 乡级 part: 街道, 镇, 乡 or 政企合一/开发区.
    public var townshipClass: TownshipClass {
        TownshipClass(townshipNumber: Int(townshipPart) ?? 0) ?? .special
    }

    /// The township a code lies in (itself for a township), in its 9-digit form.
    public var township: StatsAreaCode { StatsAreaCode(unchecked: String(rawValue.prefix(9))) }

    /// The 9-digit township form (`410103001`), also for a village-level code.
    public var nineDigitForm: String { String(rawValue.prefix(9)) }

    /// The 12-digit form (`410103001000` for a township).
    public var twelveDigitForm: String { isVillage ? rawValue : rawValue + "000" }

    init(unchecked rawValue: String) { self.rawValue = rawValue }
}
