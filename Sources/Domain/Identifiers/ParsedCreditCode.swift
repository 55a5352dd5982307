/// What a clerk typed in a 统一社会信用代码 column, once read: a current code or a legacy identifier,
/// plus what had to be normalised to read it.
///
/// Legacy identifiers are accepted so old sheets import, but are flagged (`isLegacy`) for
/// replacement with the enterprise's 18-character code.
public struct ParsedCreditCode: Sendable, Hashable {
    /// The identifier found in the text.
    public enum Identifier: Sendable, Hashable {
        /// A current 18-character 统一社会信用代码.
        case creditCode(CreditCode)
        /// A legacy 15-digit 工商注册号 (its check digit is not verified: pre-2007 numbers vary).
        case legacyRegistrationNumber(String)
        /// A legacy 组织机构代码, canonicalised as `XXXXXXXX-X` (GB 11714 check verified).
        case legacyOrganisationCode(String)
    }

    /// The normalisations applied to the typed text before it could be read.
    public struct Normalisation: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// Full-width characters (`９１４１…`) were folded to ASCII.
        public static let fullWidth = Self(rawValue: 1 << 0)
        /// Lower-case letters were upper-cased.
        public static let lowercase = Self(rawValue: 1 << 1)
        /// Spaces inside the code were removed (leading/trailing spaces are not reported).
        public static let innerSpaces = Self(rawValue: 1 << 2)
    }

    public let identifier: Identifier
    public let normalisations: Normalisation

    public init(identifier: Identifier, normalisations: Normalisation) {
        self.identifier = identifier
        self.normalisations = normalisations
    }

    /// The current code, or nil for a legacy identifier.
    public var creditCode: CreditCode? {
        if case .creditCode(let code) = identifier { code } else { nil }
    }

    /// Whether this is a legacy identifier that should be replaced by a 统一社会信用代码.
    public var isLegacy: Bool { creditCode == nil }

    /// Whether the typed text differed from the stored form in more than surrounding spaces.
    public var wasNormalised: Bool { !normalisations.isEmpty }

    /// The canonical text to store.
    public var text: String {
        switch identifier {
        case .creditCode(let code): code.rawValue
        case .legacyRegistrationNumber(let number): number
        case .legacyOrganisationCode(let code): code
        }
    }

    /// The Chinese name of the identifier's kind, for messages.
    public var kindName: String {
        switch identifier {
        case .creditCode: "统一社会信用代码"
        case .legacyRegistrationNumber: "15位工商注册号"
        case .legacyOrganisationCode: "组织机构代码"
        }
    }
}
