internal import CDistrictSQLite

/// One SQLite connection: a thin Swift face over libsqlite3 that validates before it calls C.
///
/// It is what `Replica` and the SQLite central store are built on. It never logs, and errors carry the
/// SQL text but never bound values. Not thread-safe: confine a connection to one task or thread.
public final class Database {
    let handle: OpaquePointer
    /// The file path the connection was opened on.
    public let path: String
    private var cache: [String: Statement] = [:]

    /// How to open the file.
    public enum Mode: Sendable {
        case readOnly
        case readWrite
        /// Read-write, creating the file when missing.
        case create
    }

    /// Opens `path`. WAL, `synchronous=NORMAL`, foreign keys off, a 5 s busy timeout.
    public init(path: String, mode: Mode = .readWrite) throws(DatabaseError) {
        _ = Self.libraryConfigured
        var db: OpaquePointer?
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        switch mode {
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
            if let db { sqlite3_close_v2(db) }
            throw DatabaseError(code: rc & 0xff, extendedCode: rc, message: message, sql: nil)
        }
        self.handle = db
        self.path = path
        sqlite3_busy_timeout(db, 5_000)
    }

    /// Library-wide settings made once, before the first connection (see `cdistrict_sqlite_configure`).
    private static let libraryConfigured: Void = { _ = cdistrict_sqlite_configure() }()

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    func error(_ rc: Int32, sql: String?) -> DatabaseError {
        DatabaseError(
            code: rc & 0xff, extendedCode: sqlite3_extended_errcode(handle),
            message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// Runs one or more SQL statements without parameters.
    public func execute(_ sql: String) throws(DatabaseError) {
        var err: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &err)
        if rc != SQLITE_OK {
            let message = err.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_free(err)
            throw DatabaseError(code: rc & 0xff, extendedCode: sqlite3_extended_errcode(handle), message: message, sql: sql)
        }
    }

    /// Prepares a statement that is not cached.
    public func prepare(_ sql: String) throws(DatabaseError) -> Statement {
        try Statement(database: self, sql: sql, persistent: false)
    }

    /// A prepared statement cached by its SQL text (for statements run many times).
    public func cached(_ sql: String) throws(DatabaseError) -> Statement {
        if let s = cache[sql] { return s }
        let s = try Statement(database: self, sql: sql, persistent: true)
        cache[sql] = s
        return s
    }

    /// Drops every cached statement (needed after schema changes made by this connection).
    public func clearStatementCache() { cache.removeAll() }

    /// Runs one statement with arguments.
    public func run(_ sql: String, _ values: [SQLValue] = []) throws(DatabaseError) {
        try cached(sql).execute(values)
    }

    /// All rows of a query.
    public func query(_ sql: String, _ values: [SQLValue] = []) throws(DatabaseError) -> [[SQLValue]] {
        try cached(sql).query(values)
    }

    /// The first column of the first row, or nil when there is no row.
    public func scalar(_ sql: String, _ values: [SQLValue] = []) throws(DatabaseError) -> SQLValue? {
        try query(sql, values).first?.first
    }

    /// Rows changed by the last INSERT/UPDATE/DELETE.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// The rowid of the last row inserted on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Whether a transaction is open on this connection.
    public var inTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`; any thrown error rolls everything back.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            if inTransaction { try? execute("ROLLBACK") }
            throw error
        }
    }

    /// Turns trigger execution on or off for this connection only (SQLITE_DBCONFIG_ENABLE_TRIGGER).
    /// Other connections, such as the `sqlite3` shell, keep running triggers.
    public func setTriggersEnabled(_ enabled: Bool) throws(DatabaseError) {
        var out: Int32 = -1
        let rc = cdistrict_sqlite_db_config_flag(handle, SQLITE_DBCONFIG_ENABLE_TRIGGER, enabled ? 1 : 0, &out)
        guard rc == SQLITE_OK, out == (enabled ? 1 : 0) else { throw error(rc, sql: nil) }
        clearStatementCache()
    }

    /// `PRAGMA user_version`.
    public var userVersion: Int {
        get throws(DatabaseError) { Int(try scalar("PRAGMA user_version")?.integer ?? 0) }
    }

    public func setUserVersion(_ v: Int) throws(DatabaseError) { try execute("PRAGMA user_version = \(v)") }

    /// The SQLite library version, e.g. "3.40.1".
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }

    /// Quotes an identifier for SQL (`"name"`).
    public static func quote(_ identifier: String) -> String {
        if !identifier.utf8.contains(0x22) { return "\"" + identifier + "\"" }
        return "\"" + identifier.replacingAll("\"", with: "\"\"") + "\""
    }

    /// Copies this database to `destination` with the online backup API (consistent while others write).
    public func backup(to destination: String) throws(DatabaseError) {
        let target = try Database(path: destination, mode: .create)
        guard let b = sqlite3_backup_init(target.handle, "main", handle, "main") else {
            throw target.error(sqlite3_errcode(target.handle), sql: nil)
        }
        let rc = sqlite3_backup_step(b, -1)
        sqlite3_backup_finish(b)
        guard rc == SQLITE_DONE else { throw target.error(rc, sql: nil) }
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
