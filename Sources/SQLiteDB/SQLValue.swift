/// A value as SQLite stores it: one of its five storage classes.
public enum SQLValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// The text, if this is a text value.
    public var text: String? { if case .text(let s) = self { s } else { nil } }
    /// The integer, if this is an integer value.
    public var integer: Int64? { if case .integer(let i) = self { i } else { nil } }
    public var isNull: Bool { self == .null }

    public var description: String {
        switch self {
        case .null: "NULL"
        case .integer(let i): String(i)
        case .real(let d): String(d)
        case .text(let s): s
        case .blob(let b): "x'\(b.map { String($0, radix: 16) }.joined())'"
        }
    }
}

extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(nilLiteral: ()) { self = .null }
}

extension SQLValue {
    /// `.text(s)` or `.null` when `s` is nil.
    public static func text(_ s: String?) -> SQLValue { s.map { .text($0) } ?? .null }
    /// `.integer(i)` or `.null` when `i` is nil.
    public static func integer(_ i: Int64?) -> SQLValue { i.map { .integer($0) } ?? .null }
}
