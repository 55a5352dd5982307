/// An error reported by SQLite, with its result code and the statement it came from.
///
/// The SQL text is kept (it never contains bound values), the bound arguments are not: they may be
/// personal data.
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
    /// The primary SQLite result code (e.g. 19 = SQLITE_CONSTRAINT).
    public let code: Int32
    /// The extended result code.
    public let extendedCode: Int32
    public let message: String
    public let sql: String?

    public init(code: Int32, extendedCode: Int32, message: String, sql: String?) {
        self.code = code
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    public var description: String {
        var s = "SQLite error \(code)/\(extendedCode): \(message)"
        if let sql { s += " — while running: \(sql.prefix(200))" }
        return s
    }

    /// SQLITE_CONSTRAINT.
    public var isConstraintViolation: Bool { code == 19 }
    /// SQLITE_BUSY or SQLITE_LOCKED.
    public var isBusy: Bool { code == 5 || code == 6 }
    /// SQLITE_FULL (disk full).
    public var isDiskFull: Bool { code == 13 }
}
