public import SQLiteDB
internal import SyncModel

extension Replica {
    /// Runs `body` as one transaction of local edits. Every insert, changed unit and delete made through
    /// the writer is logged with a fresh clock reading; the clock is persisted with the data. If `body`
    /// throws, nothing is written.
    @discardableResult
    public func write<T>(_ body: (ReplicaWriter) throws -> T) throws -> T {
        try db.transaction {
            // Triggers (other tools' writes) may have advanced the stored clock since we last looked.
            let stored = HybridTimestamp(rawValue: try ReplicaMeta.integer(db, "hlc"))
            clock.advance(past: stored)
            let writer = ReplicaWriter(replica: self)
            let result = try body(writer)
            try db.run("UPDATE _ds_meta SET value = ? WHERE key = 'hlc'", [.integer(clock.last.rawValue)])
            return result
        }
    }

    func tick() -> HybridTimestamp { clock.tick(wallMillis: WallClock.nowMillis()) }
}

extension HybridClock {
    /// Moves the clock past a reading this site itself persisted (no drift check).
    mutating func advance(past stored: HybridTimestamp) {
        if stored > last { self = HybridClock(last: stored, maxDriftMillis: maxDriftMillis) }
    }
}

/// Local edits inside `Replica.write(_:)`. Validates table and column names before touching SQL.
public final class ReplicaWriter {
    let replica: Replica
    private var db: Database { replica.db }

    init(replica: Replica) { self.replica = replica }

    /// Inserts a row and returns its id (a new UUIDv7 unless `values["id"]` gives one).
    @discardableResult
    public func insert(_ table: String, _ values: [String: SQLValue]) throws -> String {
        let t = try replica.table(table)
        var values = values
        let id = values["id"]?.text ?? RowID.generate()
        values["id"] = .text(id)
        if values["owner_unit_id"] == nil { values["owner_unit_id"] = .text(replica.office) }
        let columns = values.keys.sorted()
        for c in columns where !t.columnNames.contains(c) { throw ReplicaError.unknownColumn(table, c) }
        let sql = "INSERT INTO \(Database.quote(table)) (\(columns.map(Database.quote).joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"
        try db.run(sql, columns.map { values[$0]! })
        try log(table, id, MergeUnit.insertName)
        return id
    }

    /// Changes some columns of a row. Only units whose value really changes are logged.
    public func update(_ table: String, id: String, _ values: [String: SQLValue]) throws {
        let t = try replica.table(table)
        let columns = values.keys.sorted()
        for c in columns where !t.columnNames.contains(c) || c == "id" { throw ReplicaError.unknownColumn(table, c) }
        guard !columns.isEmpty else { return }
        let quoted = columns.map(Database.quote)
        guard let old = try db.query("SELECT \(quoted.joined(separator: ", ")) FROM \(Database.quote(table)) WHERE id = ?", [.text(id)]).first else {
            throw ReplicaError.rowNotFound(table, id)
        }
        var changed = Set<String>()
        for (i, c) in columns.enumerated() where old[i] != values[c]! { changed.insert(c) }
        guard !changed.isEmpty else { return }
        let set = columns.filter(changed.contains)
        try db.run("UPDATE \(Database.quote(table)) SET \(set.map { "\(Database.quote($0)) = ?" }.joined(separator: ", ")) WHERE id = ?",
                   set.map { values[$0]! } + [.text(id)])
        for unit in MergeUnit.units(of: t) where unit.columns.contains(where: changed.contains) {
            try log(table, id, unit.name)
        }
    }

    /// Deletes a row, leaving a tombstone in the change log.
    public func delete(_ table: String, id: String) throws {
        _ = try replica.table(table)
        try db.run("DELETE FROM \(Database.quote(table)) WHERE id = ?", [.text(id)])
        guard db.changes == 1 else { throw ReplicaError.rowNotFound(table, id) }
        try log(table, id, MergeUnit.deleteName)
    }

    /// A prepared inserter for many rows with the same columns (imports, benchmarks).
    public func bulkInserter(_ table: String, columns: [String]) throws -> BulkInserter {
        let t = try replica.table(table)
        for c in columns where !t.columnNames.contains(c) || c == "id" { throw ReplicaError.unknownColumn(table, c) }
        return try BulkInserter(replica: replica, table: table, columns: columns)
    }

    private func log(_ table: String, _ id: String, _ unit: String) throws {
        try db.run("INSERT INTO _ds_log (tbl, row_id, unit, hlc) VALUES (?, ?, ?, ?)",
                   [.text(table), .text(id), .text(unit), .integer(replica.tick().rawValue)])
    }
}

/// Inserts rows through two prepared statements (the row and its change-log entry), binding values
/// directly: the replica's hot path.
public final class BulkInserter {
    let replica: Replica
    let rowStatement: Statement
    let logStatement: Statement
    public let columns: [String]

    init(replica: Replica, table: String, columns: [String]) throws {
        self.replica = replica
        self.columns = columns
        let all = ["id", "owner_unit_id"] + columns
        rowStatement = try replica.db.prepare(
            "INSERT INTO \(Database.quote(table)) (\(all.map(Database.quote).joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: all.count).joined(separator: ", ")))")
        logStatement = try replica.db.prepare(
            "INSERT INTO _ds_log (tbl, row_id, unit, hlc) VALUES (\(ReplicaSchema.literal(table)), ?, '*', ?)")
    }

    /// Inserts one row; `values` are in `columns` order. Returns the new row id.
    @discardableResult
    public func insert(_ values: [SQLValue]) throws -> String {
        precondition(values.count == columns.count, "values must match columns")
        let id = RowID.generate()
        _ = rowStatement.bindText(id, at: 1)
        _ = rowStatement.bindText(replica.office, at: 2)
        for (i, v) in values.enumerated() { try rowStatement.bind(v, at: Int32(i + 3)) }
        defer { rowStatement.reset() }
        try rowStatement.step()
        _ = logStatement.bindText(id, at: 1)
        try logStatement.bind(.integer(replica.tick().rawValue), at: 2)
        defer { logStatement.reset() }
        try logStatement.step()
        return id
    }
}
