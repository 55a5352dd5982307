internal import Foundation

/// The parts of a `postgres://user[:password]@host[:port]/database` URL.
public struct PostgresURL: Sendable, Hashable {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String

    /// Whether `text` names a PostgreSQL store rather than a SQLite file.
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses `text`; nil when it is not a usable PostgreSQL URL.
    public init?(_ text: String) {
        guard Self.isPostgres(text), let c = URLComponents(string: text), let host = c.host, !host.isEmpty else { return nil }
        let db = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
        guard !db.isEmpty else { return nil }
        self.user = c.user ?? "postgres"
        self.password = c.password
        self.host = host
        self.port = c.port ?? 5432
        self.database = db
    }

    /// The same server, another database.
    public func with(database: String) -> PostgresURL {
        var u = self
        u.database = database
        return u
    }

    /// The URL without the password (for messages).
    public var redacted: String { "postgres://\(user)@\(host):\(port)/\(database)" }
}
