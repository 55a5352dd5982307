/// A 统一社会信用代码 (unified social credit code, GB 32100-2015) that passed every check.
///
/// The value is always the canonical 18 upper-case ASCII characters: the registering department
/// (pos 1), the institution category (pos 2), the registering authority's GB/T 2260 area (pos 3–8),
/// the 9-character GB 11714 organisation code (pos 9–17, pos 17 being its own check character) and
/// the GB 32100 check character (pos 18). Build one with ``CreditCode/parse(_:)`` (which also
/// recognises legacy identifiers and reports normalisation), ``init(validating:)`` or the failable
/// ``init(_:)``. It never guesses: a wrong check character is an error, never silently corrected.
///
/// Never use ``areaCode`` to decide which office owns an enterprise: many firms in a district are
/// registered by the city bureau (`410100`).
public struct CreditCode: Sendable, Hashable, Comparable, CustomStringConvertible, RawRepresentable {
    /// The 18 canonical characters.
    public let rawValue: String

    /// A code already in canonical form (exactly 18 upper-case ASCII characters, both checks pass),
    /// e.g. read back from the database. Use ``parse(_:)`` for what people type.
    public init?(rawValue: String) {
        guard (try? Self.validate(Array(rawValue.utf8), original: rawValue)) != nil
        else { return nil }
        self.rawValue = rawValue
    }

    /// Parses typed text, accepting full-width and lower-case input, and rejecting legacy
    /// identifiers (use ``parse(_:)`` to accept those).
    public init(validating text: String) throws(ValueError) {
        let parsed = try Self.parse(text)
        guard let code = parsed.creditCode else {
            throw ValueError(
                .creditCodeLegacy,
                "“\(parsed.text)”是旧代码（\(parsed.kindName)），请填写18位统一社会信用代码",
                value: text)
        }
        self = code
    }

    /// Parses typed text like ``init(validating:)``, returning nil instead of throwing.
    public init?(_ text: String) {
        guard let code = try? Self(validating: text) else { return nil }
        self = code
    }

    init(unchecked rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Position 1, 登记管理部门代码 (1 机构编制, 5 民政, 9 市场监管, Y 其他 …).
    public var registrationDepartment: Character { rawValue[rawValue.startIndex] }

    /// Position 2, 机构类别代码 (under 9: 1 企业, 2 个体工商户, 3 农民专业合作社).
    public var institutionCategory: Character { rawValue[rawValue.index(after: rawValue.startIndex)] }

    /// Positions 3–8: the GB/T 2260 area of the *registering authority*, not of the enterprise.
    public var areaCode: String { String(rawValue.dropFirst(2).prefix(6)) }

    /// Positions 9–17: the embedded 组织机构代码 (GB 11714) including its check character.
    public var organisationCode: String { String(rawValue.dropFirst(8).prefix(9)) }

    /// Whether the code belongs to a government body (`11` 机关) or a public institution (`12` 事业单位).
    public var isGovernmentBody: Bool { rawValue.hasPrefix("11") || rawValue.hasPrefix("12") }
}
