public import SQLiteDB
internal import MergeStore
internal import SyncModel

extension Replica {
    /// Runs `body` as one transaction of local edits. Every insert, changed unit and delete made through
    /// the writer is logged with a fresh clock reading; the clock is persisted with the data. If `body`
    /// throws, nothing is written.
    @discardableResult
    public func write<T>(_ body: (ReplicaWriter) throws -> T) throws -> T {
        var started: ReplicaWriter?
        defer { try? started?.restoreCacheSize() }  // also after a rollback, which leaves pragmas as they are
        return try db.transaction {
            // Triggers (other tools' writes) may have advanced the stored clock since we last looked.
            let stored = HybridTimestamp(rawValue: try ReplicaMeta.integer(db, "hlc"))
            clock.advance(past: stored)
            let writer = ReplicaWriter(replica: self)
            started = writer
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
    /// Indexes dropped for a bulk load (`deferIndexes(of:)`), with the SQL that creates them again.
    var deferredIndexes: [(table: String, indexes: [(name: String, sql: String)])] = []
    /// The connection's `cache_size` while indexes are deferred (restored when they are rebuilt).
    var savedCacheSize: Int64?

    init(replica: Replica) { self.replica = replica }

    /// Logs what bulk inserters still hold and builds deferred indexes again (called once, before the
    /// transaction commits).
    func finish() throws {
        for i in inserters { try i.flush() }
        inserters.removeAll()
        try rebuildDeferredIndexes()
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
    ///
    /// With `batchRows` > 1 the inserter may hold up to that many rows and write them with one multi-row
    /// statement; call ``BulkInserter/writePending()`` before reading the table in the same write, and
    /// insert into the table through nothing else in it. Held rows are written at the latest when the
    /// write ends.
    public func bulkInserter(_ table: String, columns: [String], batchRows: Int = 1) throws -> BulkInserter {
        let t = try replica.table(table)
        for c in columns where !t.columnNames.contains(c) || c == "id" { throw ReplicaError.unknownColumn(table, c) }
        let inserter = try BulkInserter(replica: replica, table: table, columns: columns, batchRows: batchRows)
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
///
/// With `batchRows` > 1, rows are held and written by one multi-row statement per batch, which saves the
/// per-statement work (cursors, AUTOINCREMENT bookkeeping). Each held row gets the next `_rid` explicitly —
/// what AUTOINCREMENT would give it: above every `_rid` the table ever had, counted when the inserter is
/// made — so ``lastRID`` is known as soon as ``insert(_:)`` returns. Nothing else may insert into the table
/// during that write.
public final class BulkInserter {
    let replica: Replica
    let table: String
    private let rowStatement: Statement
    private let batchStatement: Statement?
    private let batchRows: Int
    private let parametersPerRow: Int32
    /// Rows held for `batchStatement`, each as `_rid`, `id` and the values (`columnsPerRow` entries).
    private var held: [SQLValue] = []
    private var columnsPerRow: Int { columns.count + 2 }
    public let columns: [String]
    private var ids = RowIDGenerator()
    private let clock: HybridTimestamp
    /// The `_rid` of the next held row (batches only).
    private var nextRID: Int64
    private var range: (from: Int64, to: Int64)?
    /// Column index of `period` and the closed months, when the table is period-keyed.
    private var periodGuard: (index: Int, closed: Set<String>)?
    /// The `_rid` of the row the last ``insert(_:)`` created (0 before the first).
    public private(set) var lastRID: Int64 = 0

    init(replica: Replica, table: String, columns: [String], batchRows: Int = 1) throws {
        self.replica = replica
        self.table = table
        self.columns = columns
        self.clock = replica.tick()
        let all = [MergeSchema.ridColumn, "id", "owner_unit_id"] + columns
        parametersPerRow = Int32(all.count)
        let head = "INSERT INTO \(Database.quote(table)) (\(all.map(Database.quote).joined(separator: ", "))) VALUES "
        let tuple = "(" + Array(repeating: "?", count: all.count).joined(separator: ", ") + ")"
        rowStatement = try replica.db.prepare(head + tuple)
        // SQLite allows 32,766 parameters per statement.
        let rows = max(1, min(batchRows, 32_766 / all.count))
        self.batchRows = rows
        batchStatement = rows > 1 ? try replica.db.prepare(head + Array(repeating: tuple, count: rows).joined(separator: ", ")) : nil
        _ = rowStatement.bindText(replica.office, at: 3)  // the same for every row; rewind() keeps it
        for r in 0..<Int32(rows) where rows > 1 { _ = batchStatement?.bindText(replica.office, at: r * parametersPerRow + 3) }
        let q = Database.quote(table)
        let used = try replica.db.scalar("""
            SELECT max(coalesce((SELECT max(\(Database.quote(MergeSchema.ridColumn))) FROM \(q)), 0),
                       coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0))
            """, [.text(table)])?.integer ?? 0
        nextRID = used + 1
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
        let rid: Int64
        if batchStatement != nil {
            rid = nextRID
            nextRID += 1
            held.append(.integer(rid))
            held.append(.text(id))
            held.append(contentsOf: values)
            if held.count == batchRows * columnsPerRow { try writePending() }
        } else {
            // One row at a time: AUTOINCREMENT picks the `_rid` (a NULL key), as other writes may interleave.
            try rowStatement.bind(.null, at: 1)
            _ = rowStatement.bindText(id, at: 2)
            for (i, v) in values.enumerated() { try rowStatement.bind(v, at: Int32(i + 4)) }
            defer { rowStatement.rewind() }
            try rowStatement.step()
            rid = replica.db.lastInsertRowID
        }
        lastRID = rid
        if let r = range, rid == r.to + 1 {
            range = (r.from, rid)
        } else {
            try logRange()
            range = (rid, rid)
        }
        return id
    }

    /// Writes the rows held for the next multi-row statement (no-op when none is held): a full batch with
    /// one statement, a partial one row by row.
    public func writePending() throws {
        guard !held.isEmpty else { return }
        let perRow = columnsPerRow
        if held.count == batchRows * perRow, let batch = batchStatement {
            for (k, v) in held.enumerated() { try batch.bind(v, at: Int32(k / perRow) * parametersPerRow + parameter(k % perRow)) }
            held.removeAll(keepingCapacity: true)
            defer { batch.rewind() }
            try batch.step()
            return
        }
        for row in 0..<(held.count / perRow) {
            for c in 0..<perRow { try rowStatement.bind(held[row * perRow + c], at: parameter(c)) }
            defer { rowStatement.rewind() }
            try rowStatement.step()
        }
        held.removeAll(keepingCapacity: true)
    }

    /// The 1-based parameter, within a row, of entry `c` of a held row (`_rid`, `id`, then the values;
    /// `owner_unit_id`, parameter 3, stays bound).
    private func parameter(_ c: Int) -> Int32 { Int32(c < 2 ? c + 1 : c + 2) }

    /// Writes held rows and the log entry for the rows inserted since the last flush.
    func flush() throws {
        try writePending()
        try logRange()
    }

    private func logRange() throws {
        guard let r = range else { return }
        try replica.db.run("INSERT INTO _ds_log (tbl, rid_from, rid_to, unit, hlc) VALUES (?, ?, ?, '*', ?)",
                           [.text(table), .integer(r.from), .integer(r.to), .integer(clock.rawValue)])
        range = nil
    }
}
