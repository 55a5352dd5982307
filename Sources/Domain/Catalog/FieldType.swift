/// The kind of value a field holds, which fixes its SQLite storage class and how importers coerce it.
public enum FieldType: Sendable, Hashable {
    /// Free text.
    case text
    /// An identifier kept as text exactly as written (leading zeros, letters), never a number.
    case code
    /// A whole number (counts, years).
    case integer
    /// Money stored as integer 元; `unit` on the field says how it is shown and typed by default.
    case money
    /// A ratio stored as integer basis points (1 % = 100), so totals stay exact.
    case percent
    /// A calendar day stored as ISO `YYYY-MM-DD` text.
    case date
    /// A reporting period stored as `YYYY-MM`, `YYYY-Qn` or `YYYY` text.
    case period
    /// Yes/no stored as 0/1.
    case bool
    /// A value from a named code list (stored as its Chinese value, e.g. 谋划库).
    case enumeration(CodeList)
    /// The `id` of a row in another table.
    case reference(String)

    /// The SQLite column type this field is declared with.
    public var sqliteType: String {
        switch self {
        case .text, .code, .date, .period, .enumeration, .reference: "TEXT"
        case .integer, .money, .percent, .bool: "INTEGER"
        }
    }
}
