public import SQLiteDB
internal import MergeStore
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
            try writer.finish()
            try db.run("UPDATE _ds_meta SET value = ? WHERE key = 'hlc'", [.integer(clock.last.rawValue)])
            return result
        }
    }

    func tick() -> HybridTimestamp { clock.tick(wallMillis: wallClock()) }
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
    private var inserters: [BulkInserter] = []

    init(replica: Replica) { self.replica = replica }

    /// Logs what bulk inserters still hold (called once, before the transaction commits).
    func finish() throws {
        for i in inserters { try i.flush() }
        inserters.removeAll()
    }

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
        try replica.guardPeriods(table, [values["period"]?.text])
        let sql = "INSERT INTO \(Database.quote(table)) (\(columns.map(Database.quote).joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"
        try db.run(sql, columns.map { values[$0]! })
        let rid = db.lastInsertRowID
        try db.run("INSERT INTO _ds_log (tbl, row_id, rid_from, rid_to, unit, hlc) VALUES (?, ?, ?, ?, '*', ?)",
                   [.text(table), .text(id), .integer(rid), .integer(rid), .integer(replica.tick().rawValue)])
        return id
    }

    /// Changes some columns of a row. Only units whose value really changes are recorded, each with the
    /// change it replaces (`base`) and the open conflicts of that cell it resolves. Returns the units
    /// recorded, each with the clock reading of its change (empty when nothing changed).
    @discardableResult
    public func update(_ table: String, id: String, _ values: [String: SQLValue]) throws -> [(unit: String, clock: Int64)] {
        let t = try replica.table(table)
        let columns = values.keys.sorted()
        for c in columns where !t.columnNames.contains(c) || c == "id" { throw ReplicaError.unknownColumn(table, c) }
        guard !columns.isEmpty else { return [] }
        try replica.guardPeriods(table, [try replica.storedPeriod(table, id: id), values["period"]?.text])
        let q = Database.quote(table)
        guard let old = try db.query("SELECT \(columns.map(Database.quote).joined(separator: ", ")) FROM \(q) WHERE id = ?", [.text(id)]).first else {
            throw ReplicaError.rowNotFound(table, id)
        }
        var changed = Set<String>()
        for (i, c) in columns.enumerated() where old[i] != values[c]! { changed.insert(c) }
        guard !changed.isEmpty else { return [] }
        let touched = MergeUnit.units(of: t).filter { $0.columns.contains(where: changed.contains) }
        var priors: [String: SQLValue] = [:]
        for unit in touched {
            priors[unit.name] = try db.scalar("SELECT \(MergeSchema.jsonObject(unit.columns)) FROM \(q) WHERE id = ?", [.text(id)]) ?? .null
        }
        let set = columns.filter(changed.contains)
        try db.run("UPDATE \(q) SET \(set.map { "\(Database.quote($0)) = ?" }.joined(separator: ", ")) WHERE id = ?",
                   set.map { values[$0]! } + [.text(id)])
        let engine = replica.engine
        var recorded: [(unit: String, clock: Int64)] = []
        for unit in touched {
            let clock = replica.tick()
            recorded.append((unit.name, clock.rawValue))
            let base = try engine.latest(table, id, unit.name)
            let resolves = try engine.openConflicts(table, id, unit.name)
            try db.run("""
                INSERT INTO _ds_history (tbl, row_id, unit, hlc, site, office, base_hlc, base_site, value, resolves, prior)
                SELECT ?, id, ?, ?, ?, ?, ?, ?, \(MergeSchema.jsonObject(unit.columns)), ?, ? FROM \(q) WHERE id = ?
                """, [.text(table), .text(unit.name), .integer(clock.rawValue), .text(replica.site.hex), .text(replica.office),
                      .integer(base?.clock.rawValue), .text(base?.site.hex), .text(Self.encode(resolves)), priors[unit.name] ?? .null, .text(id)])
            try log(table, id, unit.name, clock)
            try engine.recomputeConflicts(forCell: table, id, unit.name)
        }
        return recorded
    }

    /// Deletes a row, leaving a tombstone that records what the deleting clerk had seen of it.
    public func delete(_ table: String, id: String) throws {
        let t = try replica.table(table)
        try replica.guardPeriods(table, [try replica.storedPeriod(table, id: id)])
        let clock = replica.tick()
        try db.run("""
            INSERT INTO _ds_history (tbl, row_id, unit, hlc, site, office, prior, value)
            SELECT ?, ?, '-', ?, ?, ?, (SELECT \(MergeSchema.jsonObject(t.columnNames)) FROM \(Database.quote(table)) WHERE id = ?2),
                   \(MergeSchema.lastSeenJSON(table: "?1", row: "?2"))
            """, [.text(table), .text(id), .integer(clock.rawValue), .text(replica.site.hex), .text(replica.office)])
        try db.run("DELETE FROM \(Database.quote(table)) WHERE id = ?", [.text(id)])
        guard db.changes == 1 else { throw ReplicaError.rowNotFound(table, id) }
        try log(table, id, MergeUnit.deleteName, clock)
        try replica.engine.recomputeConflicts(ofRow: table, id)
    }

    static func encode(_ ids: [ChangeID]) -> String? {
        ids.isEmpty ? nil : "[" + ids.map { "[\($0.clock.rawValue),\"\($0.site.hex)\"]" }.joined(separator: ",") + "]"
    }

    /// A prepared inserter for many rows with the same columns (imports, benchmarks).
    public func bulkInserter(_ table: String, columns: [String]) throws -> BulkInserter {
        let t = try replica.table(table)
        for c in columns where !t.columnNames.contains(c) || c == "id" { throw ReplicaError.unknownColumn(table, c) }
        let inserter = try BulkInserter(replica: replica, table: table, columns: columns)
        inserters.append(inserter)
        return inserter
    }

    private func log(_ table: String, _ id: String, _ unit: String, _ clock: HybridTimestamp) throws {
        try db.run("INSERT INTO _ds_log (tbl, row_id, unit, hlc) VALUES (?, ?, ?, ?)",
                   [.text(table), .text(id), .text(unit), .integer(clock.rawValue)])
    }
}

/// Inserts many rows with one prepared statement, binding values directly: the replica's hot path.
///
/// All rows share one clock reading (they are one local edit), and consecutive rows are logged as one
/// `_rid` range, so capture costs one log entry per import rather than one per row.
public final class BulkInserter {
    let replica: Replica
    let table: String
    let rowStatement: Statement
    public let columns: [String]
    private var ids = RowIDGenerator()
    private let clock: HybridTimestamp
    private var range: (from: Int64, to: Int64)?
    /// Column index of `period` and the closed months, when the table is period-keyed.
    private var periodGuard: (index: Int, closed: Set<String>)?
    /// The `_rid` of the row the last ``insert(_:)`` created (0 before the first).
    public private(set) var lastRID: Int64 = 0

    init(replica: Replica, table: String, columns: [String]) throws {
        self.replica = replica
        self.table = table
        self.columns = columns
        self.clock = replica.tick()
        let all = ["id", "owner_unit_id"] + columns
        rowStatement = try replica.db.prepare(
            "INSERT INTO \(Database.quote(table)) (\(all.map(Database.quote).joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: all.count).joined(separator: ", ")))")
        _ = rowStatement.bindText(replica.office, at: 2)  // the same for every row; rewind() keeps it
        if PeriodClosing.periodKeyedTables.contains(table), let i = columns.firstIndex(of: "period") {
            periodGuard = (i, try PeriodClosing.closedSet(replica.db))
        }
    }

    /// Inserts one row; `values` are in `columns` order. Returns the new row id.
    @discardableResult
    public func insert(_ values: [SQLValue]) throws -> String {
        precondition(values.count == columns.count, "values must match columns")
        if let g = periodGuard, let p = values[g.index].text, g.closed.contains(p) {
            throw PeriodClosing.refusal(table, label: replica.catalog.table(table)?.label ?? table, period: p)
        }
        let id = ids.generate(wallMillis: clock.wallMillis)
        _ = rowStatement.bindText(id, at: 1)
        for (i, v) in values.enumerated() { try rowStatement.bind(v, at: Int32(i + 3)) }
        defer { rowStatement.rewind() }
        try rowStatement.step()
        let rid = replica.db.lastInsertRowID
        lastRID = rid
        if let r = range, rid == r.to + 1 {
            range = (r.from, rid)
        } else {
            try flush()
            range = (rid, rid)
        }
        return id
    }

    /// Writes the log entry for the rows inserted since the last flush.
    func flush() throws {
        guard let r = range else { return }
        try replica.db.run("INSERT INTO _ds_log (tbl, rid_from, rid_to, unit, hlc) VALUES (?, ?, ?, '*', ?)",
                           [.text(table), .integer(r.from), .integer(r.to), .integer(clock.rawValue)])
        range = nil
    }
}
