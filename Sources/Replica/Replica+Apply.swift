public import SyncModel
internal import Domain
internal import SQLiteDB

/// What applying a batch of remote changes did.
public struct ApplyResult: Sendable, Hashable {
    /// Changes that won and were written.
    public var applied = 0
    /// Changes that lost to a value already here (or arrived for a deleted row).
    public var ignored = 0

    public init(applied: Int = 0, ignored: Int = 0) {
        self.applied = applied
        self.ignored = ignored
    }
}

extension Replica {
    /// Applies changes from other replicas atomically: per merge unit the greater `(clock, site)` wins,
    /// deletes are final tombstones. Nothing applied here is logged as a local change. A not-yet-pushed
    /// local value about to be overwritten is first kept in the log, so it still travels.
    @discardableResult
    public func apply(_ changes: [Change]) throws -> ApplyResult {
        try db.transaction {
            clock.advance(past: HybridTimestamp(rawValue: try ReplicaMeta.integer(db, "hlc")))
            try foldLocalLog()
            var result = ApplyResult()
            for change in changes {
                try clock.receive(change.clock, wallMillis: WallClock.nowMillis())
                if try applyOne(change) { result.applied += 1 } else { result.ignored += 1 }
            }
            try db.run("UPDATE _ds_meta SET value = ? WHERE key = 'hlc'", [.integer(clock.last.rawValue)])
            return result
        }
    }

    /// Moves the clocks of local changes logged since the last fold into `_ds_clock`, the merge state.
    func foldLocalLog() throws {
        let folded = try ReplicaMeta.integer(db, "folded_seq")
        guard let top = try db.scalar("SELECT max(seq) FROM _ds_log")?.integer, top > folded else { return }
        try db.run("""
            INSERT INTO _ds_clock (tbl, row_id, unit, hlc, site)
            SELECT tbl, row_id, unit, max(hlc), ? FROM _ds_log WHERE seq > ? AND unit <> '*' AND kept = 0 GROUP BY tbl, row_id, unit
            ON CONFLICT(tbl, row_id, unit) DO UPDATE SET hlc = excluded.hlc, site = excluded.site
            WHERE excluded.hlc > _ds_clock.hlc OR (excluded.hlc = _ds_clock.hlc AND excluded.site > _ds_clock.site)
            """, [.text(site.hex), .integer(folded)])
        try ReplicaMeta.write(db, ["folded_seq": .integer(top)])
    }

    private func applyOne(_ c: Change) throws -> Bool {
        let table = try self.table(c.table)
        let q = Database.quote(c.table)
        if try clockOf(c.table, c.rowID, unit: MergeUnit.deleteName) != nil { return false }  // tombstoned
        let exists = try db.scalar("SELECT 1 FROM \(q) WHERE id = ?", [.text(c.rowID)]) != nil
        switch c.kind {
        case .delete:
            try keepPendingLocalValues(table, c.rowID, units: nil)
            try db.run("DELETE FROM \(q) WHERE id = ?", [.text(c.rowID)])
            try setClock(c, unit: MergeUnit.deleteName)
            return true
        case .insert where !exists:
            let cols = c.values.keys.filter { table.columnNames.contains($0) && $0 != "id" }.sorted()
            try db.run("INSERT INTO \(q) (id\(cols.map { ", " + Database.quote($0) }.joined())) VALUES (?\(String(repeating: ", ?", count: cols.count)))",
                       [.text(c.rowID)] + cols.map { c.values[$0]!.sqlValue })
            try setClock(c, unit: MergeUnit.insertName)
            return true
        case .insert:
            var any = false
            for unit in MergeUnit.units(of: table) where unit.columns.allSatisfy({ c.values[$0] != nil }) {
                if try overwrite(table, c, unit: unit) { any = true }
            }
            try setClock(c, unit: MergeUnit.insertName)
            return any
        case .update:
            guard let unit = MergeUnit.units(of: table).first(where: { $0.name == c.unit }) else {
                throw ReplicaError.unknownColumn(c.table, c.unit)
            }
            if !exists {
                try db.run("INSERT INTO \(q) (id) VALUES (?)", [.text(c.rowID)])  // the creation is still on its way
            }
            let won = try overwrite(table, c, unit: unit)
            if won { try setClock(c, unit: unit.name) }
            return won
        }
    }

    /// Writes `unit`'s columns from `c` when `c` beats the unit's current clock.
    private func overwrite(_ table: Table, _ c: Change, unit: MergeUnit) throws -> Bool {
        let current = try [clockOf(c.table, c.rowID, unit: unit.name), clockOf(c.table, c.rowID, unit: MergeUnit.insertName)]
            .compactMap { $0 }.max { ($0.0, $0.1.hex) < ($1.0, $1.1.hex) }
        if let current, !c.wins(over: current.0, site: current.1) { return false }
        try keepPendingLocalValues(table, c.rowID, units: [unit.name, MergeUnit.insertName])
        try db.run("UPDATE \(Database.quote(c.table)) SET \(unit.columns.map { "\(Database.quote($0)) = ?" }.joined(separator: ", ")) WHERE id = ?",
                   unit.columns.map { (c.values[$0] ?? .null).sqlValue } + [.text(c.rowID)])
        return true
    }

    private func clockOf(_ table: String, _ rowID: String, unit: String) throws -> (HybridTimestamp, SiteID)? {
        guard let row = try db.query("SELECT hlc, site FROM _ds_clock WHERE tbl = ? AND row_id = ? AND unit = ?",
                                     [.text(table), .text(rowID), .text(unit)]).first,
              let hlc = row[0].integer, let site = SiteID(hex: row[1].text ?? "") else { return nil }
        return (HybridTimestamp(rawValue: hlc), site)
    }

    private func setClock(_ c: Change, unit: String) throws {
        try db.run("""
            INSERT INTO _ds_clock (tbl, row_id, unit, hlc, site) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(tbl, row_id, unit) DO UPDATE SET hlc = excluded.hlc, site = excluded.site
            WHERE excluded.hlc > _ds_clock.hlc OR (excluded.hlc = _ds_clock.hlc AND excluded.site > _ds_clock.site)
            """, [.text(c.table), .text(c.rowID), .text(unit), .integer(c.clock.rawValue), .text(c.site.hex)])
    }

    /// Before a remote value replaces a local one that has not been pushed, keeps the local value in the
    /// log (as a JSON object of column → value) with the local change's clock, so the losing edit still
    /// travels and is never lost. `units` nil means the whole row (a remote deletion).
    private func keepPendingLocalValues(_ table: Table, _ rowID: String, units: [String]?) throws {
        let pushed = try ReplicaMeta.integer(db, "pushed_seq")
        let q = Database.quote(table.name)
        func json(_ columns: [String]) -> String {
            "json_object(" + columns.map { "'\($0)', \(Database.quote($0))" }.joined(separator: ", ") + ")"
        }
        var targets = MergeUnit.units(of: table).map { ($0.name, $0.columns) }
        targets.append((MergeUnit.insertName, table.columnNames.filter { $0 != "id" }))
        for (name, columns) in targets where units?.contains(name) ?? true {
            // A pending update of this unit: keep its value in place.
            try db.run("""
                UPDATE _ds_log SET kept = 1, kept_value = (SELECT \(json(columns)) FROM \(q) WHERE id = ?)
                WHERE tbl = ? AND row_id = ? AND unit = ? AND seq > ? AND kept = 0 AND unit <> '*'
                """, [.text(rowID), .text(table.name), .text(rowID), .text(name), .integer(pushed)])
        }
        // A pending creation of the row: keep the overwritten units' created values as their own entries.
        let created = try db.query("""
            SELECT l.hlc, l.seq FROM _ds_log l JOIN \(q) r ON r._rid BETWEEN l.rid_from AND l.rid_to
            WHERE l.tbl = ? AND l.unit = '*' AND l.kept = 0 AND l.seq > ? AND r.id = ?
            ORDER BY l.seq DESC LIMIT 1
            """, [.text(table.name), .integer(pushed), .text(rowID)])
        guard let hlc = created.first?.first, let createdSeq = created.first?[1] else { return }
        let keptUnits = units == nil ? [(MergeUnit.insertName, table.columnNames.filter { $0 != "id" })]
            : MergeUnit.units(of: table).filter { units!.contains($0.name) }.map { ($0.name, $0.columns) }
        for (name, columns) in keptUnits {
            // Skip a unit already kept, or edited locally after the creation (that later edit is the
            // local value, kept above; the created value was superseded here, not lost to a conflict).
            let superseded = try db.scalar("SELECT 1 FROM _ds_log WHERE tbl = ? AND row_id = ? AND unit = ? AND (seq > ? OR (kept = 1 AND hlc = ?))",
                                           [.text(table.name), .text(rowID), .text(name), createdSeq, hlc])
            guard superseded == nil else { continue }
            try db.run("""
                INSERT INTO _ds_log (tbl, row_id, unit, hlc, kept, kept_value)
                SELECT ?, ?, ?, ?, 1, \(json(columns)) FROM \(q) WHERE id = ?
                """, [.text(table.name), .text(rowID), .text(name), hlc, .text(rowID)])
        }
    }
}

extension CellValue {
    var sqlValue: SQLValue {
        switch self {
        case .null: .null
        case .integer(let i): .integer(i)
        case .real(let d): .real(d)
        case .text(let s): .text(s)
        }
    }
}
