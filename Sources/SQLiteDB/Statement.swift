internal import CDistrictSQLite
internal import Glibc

/// A prepared statement. Reuse it for many rows: bind, step, reset.
///
/// Not thread-safe; it belongs to the connection that made it.
public final class Statement {
    let handle: OpaquePointer
    unowned let database: Database
    public let sql: String

    init(database: Database, sql: String, persistent: Bool) throws(DatabaseError) {
        var stmt: OpaquePointer?
        let flags: UInt32 = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let rc = sqlite3_prepare_v3(database.handle, sql, -1, flags, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw database.error(rc, sql: sql) }
        self.handle = stmt
        self.database = database
        self.sql = sql
    }

    /// Text bound with `bindTextInArena` for the row being bound (see `reserveArena`).
    private var arena: UnsafeMutableRawPointer?
    private var arenaCapacity = 0
    private var arenaUsed = 0

    deinit {
        sqlite3_finalize(handle)
        arena.map { free($0) }
    }

    /// Starts a row whose text is bound with `bindTextInArena`: room for `bytes` bytes of it. Call after
    /// `reset()` (nothing bound may still point into the arena, which may move).
    public func reserveArena(_ bytes: Int) {
        arenaUsed = 0
        guard bytes > arenaCapacity else { return }
        arena.map { free($0) }
        arenaCapacity = max(bytes, 2 * arenaCapacity, 4096)
        arena = malloc(arenaCapacity)
    }

    /// Binds text copied into the statement's arena, which SQLite reads in place (`SQLITE_STATIC`) until the
    /// next `reset()`: no allocation per value, unlike `bindText`. `reserveArena` must have made room.
    public func bindTextInArena(_ s: String, at index: Int32) -> Int32 {
        var s = s
        return s.withUTF8 { buf -> Int32 in
            guard let arena, arenaUsed + buf.count <= arenaCapacity else { return bindText(String(decoding: buf, as: UTF8.self), at: index) }
            let at = arena + arenaUsed
            if let base = buf.baseAddress { at.copyMemory(from: base, byteCount: buf.count) }
            arenaUsed += buf.count
            return sqlite3_bind_text(handle, index, at.assumingMemoryBound(to: CChar.self), Int32(buf.count), nil)
        }
    }

    /// Number of `?` parameters.
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// Binds `value` to the 1-based parameter `index`.
    public func bind(_ value: SQLValue, at index: Int32) throws(DatabaseError) {
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(handle, index)
        case .integer(let i): rc = sqlite3_bind_int64(handle, index, i)
        case .real(let d): rc = sqlite3_bind_double(handle, index, d)
        case .text(let s): rc = bindText(s, at: index)
        case .blob(let b):
            rc = b.withUnsafeBytes { raw in
                sqlite3_bind_blob64(handle, index, raw.baseAddress, sqlite3_uint64(raw.count), cdistrict_sqlite_transient())
            }
        }
        guard rc == SQLITE_OK else { throw database.error(rc, sql: sql) }
    }

    /// Binds text without building an `SQLValue` (hot loops).
    @inline(__always)
    public func bindText(_ s: String, at index: Int32) -> Int32 {
        var s = s
        return s.withUTF8 { buf in
            buf.withMemoryRebound(to: CChar.self) { chars in
                guard let base = chars.baseAddress else {
                    return sqlite3_bind_text(handle, index, "", 0, cdistrict_sqlite_transient())
                }
                return sqlite3_bind_text(handle, index, base, Int32(chars.count), cdistrict_sqlite_transient())
            }
        }
    }

    /// Binds all values in order, starting at parameter 1.
    public func bind(_ values: [SQLValue]) throws(DatabaseError) {
        for (i, v) in values.enumerated() { try bind(v, at: Int32(i + 1)) }
    }

    /// Clears bindings and rewinds the statement.
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Rewinds the statement but keeps its bindings (rebind only what changes between rows).
    public func rewind() { sqlite3_reset(handle) }

    /// Advances one row: true while a row is available, false when done.
    @discardableResult
    public func step() throws(DatabaseError) -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        let err = database.error(rc, sql: sql)
        sqlite3_reset(handle)
        throw err
    }

    /// Runs the statement to completion with `values` bound, then resets it.
    public func execute(_ values: [SQLValue] = []) throws(DatabaseError) {
        defer { reset() }
        try bind(values)
        while try step() {}
    }

    /// Runs the statement with `values` bound and returns every row.
    public func query(_ values: [SQLValue] = []) throws(DatabaseError) -> [[SQLValue]] {
        defer { reset() }
        try bind(values)
        var rows: [[SQLValue]] = []
        while try step() { rows.append(currentRow()) }
        return rows
    }

    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    public func columnName(_ i: Int) -> String { String(cString: sqlite3_column_name(handle, Int32(i))) }

    /// The current row's column `i` (0-based).
    public func column(_ i: Int) -> SQLValue {
        let i = Int32(i)
        switch sqlite3_column_type(handle, i) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, i))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, i))
        case SQLITE_TEXT:
            let n = Int(sqlite3_column_bytes(handle, i))
            guard let p = sqlite3_column_text(handle, i) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
        case SQLITE_BLOB:
            let n = Int(sqlite3_column_bytes(handle, i))
            guard n > 0, let p = sqlite3_column_blob(handle, i) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: p, count: n)))
        default: return .null
        }
    }

    /// The current row's column `i` as bytes (text or blob), without copying; valid only inside `body`.
    public func withColumnBytes<T>(_ i: Int, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let i = Int32(i)
        let p = sqlite3_column_blob(handle, i)
        let n = Int(sqlite3_column_bytes(handle, i))
        return try body(UnsafeRawBufferPointer(start: n > 0 ? p : nil, count: n))
    }

    /// The current row's column `i` as text ("" for NULL), read without building an `SQLValue`.
    public func columnText(_ i: Int) -> String {
        let i = Int32(i)
        guard let p = sqlite3_column_text(handle, i) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(handle, i))), as: UTF8.self)
    }

    /// The current row's column `i` as an integer (0 for NULL).
    public func columnInt64(_ i: Int) -> Int64 { sqlite3_column_int64(handle, Int32(i)) }

    /// The current row's column `i` as a double (0 for NULL).
    public func columnDouble(_ i: Int) -> Double { sqlite3_column_double(handle, Int32(i)) }

    /// The storage class of the current row's column `i`.
    public func columnKind(_ i: Int) -> SQLColumnKind {
        switch sqlite3_column_type(handle, Int32(i)) {
        case SQLITE_INTEGER: .integer
        case SQLITE_FLOAT: .real
        case SQLITE_TEXT: .text
        case SQLITE_BLOB: .blob
        default: .null
        }
    }

    /// All columns of the current row.
    public func currentRow() -> [SQLValue] { (0..<columnCount).map(column) }
}

/// SQLite's storage classes, as a column of a result row holds them.
public enum SQLColumnKind: Sendable {
    case null, integer, real, text, blob
}
