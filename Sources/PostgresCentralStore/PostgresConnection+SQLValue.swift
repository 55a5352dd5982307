internal import Foundation
internal import Logging
internal import NIOCore
public import PostgresNIO
public import SQLiteDB

/// Queries with `SQLValue` parameters and results, so the PostgreSQL store speaks the same value type as
/// the SQLite one (and the scratch merge database).
extension PostgresConnection {
    static let quiet = Logger(label: "dsync.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Runs `sql` (`$1`, `$2`… placeholders) and returns every row.
    @discardableResult
    public func rows(_ sql: String, _ values: [SQLValue] = []) async throws -> [[SQLValue]] {
        try await rows(sql, binds: PostgresBindings(values))
    }

    /// Runs `sql` with prepared bindings (for array parameters) and returns every row.
    @discardableResult
    public func rows(_ sql: String, binds: PostgresBindings) async throws -> [[SQLValue]] {
        let sequence = try await query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: Self.quiet)
        var out: [[SQLValue]] = []
        for try await row in sequence {
            out.append(try row.map(SQLValue.init(cell:)))
        }
        return out
    }

    /// Runs a script of statements separated by `;` at line ends (the extended protocol takes one at a time).
    public func execute(script: String) async throws {
        for statement in script.components(separatedBy: ";\n") {
            let sql = statement.trimmingCharacters(in: .whitespacesAndNewlines)
            if !sql.isEmpty { try await rows(sql) }
        }
    }

    /// The first column of the first row.
    public func scalar(_ sql: String, _ values: [SQLValue] = []) async throws -> SQLValue? {
        try await rows(sql, values).first?.first
    }

    /// Inserts `rows` into `table` (`columns` in order) in chunks of multi-row VALUES; `suffix` follows
    /// each statement (e.g. `ON CONFLICT DO NOTHING`).
    public func insert(into table: String, columns: [String], rows: [[SQLValue]], suffix: String = "") async throws {
        guard !rows.isEmpty else { return }
        let perChunk = max(1, 30_000 / max(1, columns.count))
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + perChunk)]
            var sql = "INSERT INTO \(PG.quote(table)) (\(columns.map(PG.quote).joined(separator: ", "))) VALUES "
            var values: [SQLValue] = []
            var n = 0
            sql += chunk.map { row in
                "(" + row.map { v in
                    values.append(v)
                    n += 1
                    return "$\(n)"
                }.joined(separator: ", ") + ")"
            }.joined(separator: ", ")
            try await self.rows(sql + " " + suffix, values)
            start += perChunk
        }
    }
}

extension PostgresBindings {
    /// Bindings for `values` in order (NULL, bigint, double, text, bytea).
    public init(_ values: [SQLValue]) {
        self.init(capacity: values.count)
        for v in values { append(sqlValue: v) }
    }

    public mutating func append(sqlValue v: SQLValue) {
        switch v {
        case .null: appendNull()
        case .integer(let i): append(i)
        case .real(let d): append(d)
        case .text(let s): append(s)
        case .blob(let b): append(ByteBuffer(bytes: b))
        }
    }
}

extension SQLValue {
    /// The value of one result cell: integers as `.integer`, bytea as `.blob`, everything else as text.
    init(cell: PostgresCell) throws {
        guard cell.bytes != nil else {
            self = .null
            return
        }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid: self = .integer(try cell.decode(Int64.self))
        case .float4, .float8: self = .real(try cell.decode(Double.self))
        case .bool: self = .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .bytea:
            let buffer = try cell.decode(ByteBuffer.self)
            self = .blob(Array(buffer.readableBytesView))
        default: self = .text(try cell.decode(String.self))
        }
    }
}

/// PostgreSQL identifier and type helpers.
enum PG {
    static func quote(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
