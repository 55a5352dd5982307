/// A typed value — an identifier, an amount, an area code — that DistrictSync refuses to store.
///
/// `code` is stable and meant for programs (tests, error workbooks, metrics); `message` is written
/// in Chinese for the clerk who typed the value and says what to do. The error carries the
/// offending text and nothing else: where it happened (file, sheet, row, column) is added by the
/// importer that catches it, and no other personal data ever goes in here.
public struct ValueError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, dotted error code such as `credit_code.check_digit`.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    /// What went wrong, stable across releases.
    public let code: Code
    /// What went wrong and how to fix it, in Chinese, for the person who typed the value.
    public let message: String
    /// The offending text exactly as it was given.
    public let value: String

    package init(_ code: Code, _ message: String, value: String) {
        self.code = code
        self.message = message
        self.value = value
    }

    public var description: String { "\(code): \(message)" }
}

extension ValueError.Code {
    // 统一社会信用代码 and legacy identifiers.
    /// The cell holds nothing but whitespace where a credit code is required.
    public static let creditCodeEmpty = Self(rawValue: "credit_code.empty")
    /// Excel turned an 18-digit code into a number (`9.14101E+17` or trailing zeros).
    public static let creditCodeScientific = Self(rawValue: "credit_code.scientific_notation")
    /// Not 18 characters (nor a recognised legacy form).
    public static let creditCodeLength = Self(rawValue: "credit_code.length")
    /// A character outside `0-9 A-H J-N P-R T U W X Y` (for example I, O, S, V, Z).
    public static let creditCodeCharacter = Self(rawValue: "credit_code.invalid_character")
    /// Positions 3–8 (the registering authority's area code) are not six digits.
    public static let creditCodeAreaCode = Self(rawValue: "credit_code.area_code")
    /// Position 17, the GB 11714 check character of the embedded organisation code, is wrong.
    public static let creditCodeOrganisationCheck = Self(rawValue: "credit_code.organisation_check")
    /// Position 18, the GB 32100 check character, is wrong.
    public static let creditCodeCheckDigit = Self(rawValue: "credit_code.check_digit")
    /// A legacy identifier (15-digit 工商注册号, 组织机构代码) where a current code is required.
    public static let creditCodeLegacy = Self(rawValue: "credit_code.legacy")
    /// A legacy 9-character 组织机构代码 whose GB 11714 check character is wrong.
    public static let legacyOrganisationCheck = Self(rawValue: "organisation_code.check_digit")

    // Area codes.
    /// A GB/T 2260 code that is not six digits or has an impossible province part.
    public static let divisionCodeFormat = Self(rawValue: "division_code.format")
    /// A 统计用区划代码 that is not 9 or 12 digits or has an impossible 乡级 part.
    public static let statsCodeFormat = Self(rawValue: "stats_code.format")

    // Amounts.
    /// Digits that cannot be read as one amount (stray characters, bad separators, several numbers).
    public static let moneyFormat = Self(rawValue: "money.format")
    /// An approximate amount such as `约5亿元`, `5亿元以上`, `5亿余元`.
    public static let moneyApproximate = Self(rawValue: "money.approximate")
    /// A range such as `0.5-1亿`.
    public static let moneyRange = Self(rawValue: "money.range")
    /// Excel scientific notation such as `3.698E+06`.
    public static let moneyScientific = Self(rawValue: "money.scientific_notation")
    /// Neither the cell nor the column gives a unit.
    public static let moneyUnitMissing = Self(rawValue: "money.unit_missing")
    /// A unit DistrictSync does not accept (千元, 美元 …) or a percentage.
    public static let moneyUnit = Self(rawValue: "money.unit")
    /// More decimals than the unit allows: the amount is not a whole number of 元.
    public static let moneyNotExact = Self(rawValue: "money.not_exact")
    /// Larger than the storage range of integer 元.
    public static let moneyOverflow = Self(rawValue: "money.overflow")
}
