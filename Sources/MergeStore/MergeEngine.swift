public import Domain
public import SQLiteDB
public import SyncModel

/// Applies changes to a SQLite store (a replica or the central store) under the merge rule, keeping the
/// cell history and the conflict log in step.
///
/// Rule: per merge unit the greatest `(clock, site)` wins; a row's creation is the root every later
/// change builds on; a deletion is final. A change that lost and that no other change was built on
/// (`base`) or saw (a deletion's `seen`) is a concurrent loser and sits in `_ds_conflict` with the winner.
/// Everything is a function of the set of changes, so every store that holds the same changes holds the
/// same rows and the same conflict log, whatever order they arrived in.
/// The caller owns the transaction; the engine never captures (its connection runs no triggers).
public final class MergeEngine {
    public let db: Database
    public let catalog: Catalog
    private var plans: [String: TablePlan] = [:]
    private var deletedQuery: Statement?

    /// A column of every state table that a creation inserted on an empty row also fills with the
    /// `creationTag` passed to `apply` (the central store: where its feed entry is); nil for none.
    public let creationTagColumn: String?

    /// Called with (table, row id) just before the engine changes or deletes a state row that already
    /// existed: the last moment the row still holds the values of its creation.
    public var willChangeRow: ((String, String) throws -> Void)?

    public init(db: Database, catalog: Catalog, creationTagColumn: String? = nil) {
        self.db = db
        self.catalog = catalog
        self.creationTagColumn = creationTagColumn
    }

    /// What applying one change did.
    public enum Outcome: Sendable, Equatable {
        /// The change is now (part of) the current state.
        case applied
        /// Recorded, but an existing value or a deletion wins.
        case superseded
        /// Already held: nothing changed.
        case duplicate
    }

    /// What the store holds of a row before a change is applied.
    public struct RowState: Sendable, Equatable {
        /// Whether the row has a deletion in the history.
        public var deleted: Bool
        /// The row's owner in the state table; nil when the state table has no such row.
        public var owner: String?

        public init(deleted: Bool, owner: String?) {
            self.deleted = deleted
            self.owner = owner
        }
    }

    /// Whether the row is deleted and who owns it now (two indexed lookups on prepared statements).
    public func rowState(_ table: String, _ rowID: String) throws -> RowState {
        let plan = try self.plan(table)
        return RowState(deleted: try isDeleted(table, rowID), owner: try plan.owner(rowID))
    }

    /// Applies `c`. Unknown tables or units throw `MergeError` (the caller validates first).
    @discardableResult
    public func apply(_ c: Change) throws -> Outcome {
        guard catalog.table(c.table) != nil else { throw MergeError.unknownTable(c.table) }
        return try apply(c, state: rowState(c.table, c.rowID))
    }

    /// Applies `c` given `state`, which the caller read with `rowState` just before (and nothing has
    /// changed the row since): saves looking the row up twice when the caller needed it anyway.
    /// `creationTag`: the value of `creationTagColumn` when `c` creates the row (ignored otherwise).
    @discardableResult
    public func apply(_ c: Change, state: RowState, creationTag: Int64? = nil) throws -> Outcome {
        guard let table = catalog.table(c.table) else { throw MergeError.unknownTable(c.table) }
        switch c.kind {
        case .insert: return try applyCreation(c, table, state, tag: creationTag)
        case .update:
            guard let unit = MergeUnit.unit(c.unit, of: table) else { throw MergeError.unknownUnit(c.table, c.unit) }
            return try applyUpdate(c, table, unit, state)
        case .delete: return try applyDeletion(c, table)
        }
    }

    /// Applies creation `c` as the creation of a new row without looking the row up first: inserts it
    /// unless the row exists or has a deletion. Returns false, having changed nothing, in those cases —
    /// the caller then reads `rowState` and applies `c` as usual. Saves a bulk push one index seek and one
    /// statement a row. `creationTag` as in `apply(_:state:creationTag:)`.
    public func applyCreationIfNew(_ c: Change, creationTag: Int64? = nil) throws -> Bool {
        guard c.kind == .insert, catalog.table(c.table) != nil else { return false }
        if try isDeleted(c.table, c.rowID) { return false }
        let insert = try plan(c.table).insertCreation(c, tag: creationTag, ifAbsent: true)
        try insert.step()
        insert.reset()
        return db.changes == 1
    }

    // MARK: creation

    private func applyCreation(_ c: Change, _ table: Table, _ state: RowState, tag: Int64?) throws -> Outcome {
        if state.deleted { return .superseded }
        let q = Database.quote(c.table)
        if state.owner == nil {
            // One prepared INSERT: the columns left out null, the owner left out the creating office.
            let insert = try plan(c.table).insertCreation(c, tag: tag)
            try insert.step()
            insert.reset()
            return .applied
        }
        // The row exists (an update arrived first, or this is a duplicate): fill only units nobody changed,
        // a column the creation leaves out being null (the owner: the creating office), as when inserted.
        var any = false
        for unit in MergeUnit.units(of: table) {
            if try latest(c.table, c.rowID, unit.name) != nil { continue }
            let current = try db.query("SELECT \(unit.columns.map(Database.quote).joined(separator: ", ")) FROM \(q) WHERE id = ?", [.text(c.rowID)]).first ?? []
            let incoming = unit.columns.map { (c.values[$0] ?? ($0 == Table.ownerColumn ? .text(c.office) : .null)).sqlValue }
            if current != incoming {
                if !any { try willChangeRow?(c.table, c.rowID) }
                try db.run("UPDATE \(q) SET \(unit.columns.map { "\(Database.quote($0)) = ?" }.joined(separator: ", ")) WHERE id = ?", incoming + [.text(c.rowID)])
                any = true
            }
        }
        return any ? .applied : .duplicate
    }

    // MARK: update

    private func applyUpdate(_ c: Change, _ table: Table, _ unit: MergeUnit, _ state: RowState) throws -> Outcome {
        guard try recordHistory(c, value: try encode(c.values, unit.columns)) else { return .duplicate }
        let q = Database.quote(c.table)
        var outcome = Outcome.superseded
        if !state.deleted {
            if state.owner == nil {
                // The creation is still on its way: hold the row with what is known.
                try db.run("INSERT INTO \(q) (id, owner_unit_id) VALUES (?, ?)", [.text(c.rowID), .text(c.office)])
            }
            if try latest(c.table, c.rowID, unit.name) == c.id {
                if state.owner != nil { try willChangeRow?(c.table, c.rowID) }
                try db.run("UPDATE \(q) SET \(unit.columns.map { "\(Database.quote($0)) = ?" }.joined(separator: ", ")) WHERE id = ?",
                           unit.columns.map { (c.values[$0] ?? .null).sqlValue } + [.text(c.rowID)])
                outcome = .applied
            }
        }
        try recomputeConflicts(c.table, c.rowID, unit.name)
        return outcome
    }

    // MARK: deletion

    private func applyDeletion(_ c: Change, _ table: Table) throws -> Outcome {
        let seenJSON = try db.scalar("SELECT json(?)", [.text(encodeSeen(c.seen ?? [:]))])?.text ?? "{}"
        guard try recordHistory(c, value: seenJSON) else { return .duplicate }
        try willChangeRow?(c.table, c.rowID)
        try db.run("DELETE FROM \(Database.quote(c.table)) WHERE id = ?", [.text(c.rowID)])
        try recomputeConflicts(ofRow: c.table, c.rowID)
        return .applied
    }

    private func encodeSeen(_ seen: [String: ChangeID]) -> String {
        "{" + seen.sorted { $0.key < $1.key }.map { "\"\($0.key)\":[\($0.value.clock.rawValue),\"\($0.value.site.hex)\"]" }.joined(separator: ",") + "}"
    }

    // MARK: history

    /// Inserts `c` into the history; false when it was already there.
    private func recordHistory(_ c: Change, value: String?) throws -> Bool {
        let resolves = c.resolves.map { "[" + $0.map { "[\($0.clock.rawValue),\"\($0.site.hex)\"]" }.joined(separator: ",") + "]" }
        try db.run("""
            INSERT INTO _ds_history (tbl, row_id, unit, hlc, site, office, base_hlc, base_site, value, resolves)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """, [.text(c.table), .text(c.rowID), .text(c.unit), .integer(c.clock.rawValue), .text(c.site.hex), .text(c.office),
                  .integer(c.base?.clock.rawValue), .text(c.base?.site.hex), .text(value), .text(resolves)])
        return db.changes == 1
    }

    /// The JSON object a unit's values are kept as, built by SQLite so every store writes identical text.
    private func encode(_ values: CellValues, _ columns: [String]) throws -> String? {
        let sql = "SELECT json_object(" + columns.map { _ in "?, ?" }.joined(separator: ", ") + ")"
        return try db.scalar(sql, columns.flatMap { [SQLValue.text($0), (values[$0] ?? .null).sqlValue] })?.text
    }

    /// The winning change of a cell so far (nil: only the creation).
    public func latest(_ table: String, _ rowID: String, _ unit: String) throws -> ChangeID? {
        guard let row = try db.query("""
            SELECT hlc, site FROM _ds_history WHERE tbl = ? AND row_id = ? AND unit = ? ORDER BY hlc DESC, site DESC LIMIT 1
            """, [.text(table), .text(rowID), .text(unit)]).first,
              let hlc = row[0].integer, let site = SiteID(hex: row[1].text ?? "") else { return nil }
        return ChangeID(clock: HybridTimestamp(rawValue: hlc), site: site)
    }

    /// Whether the row has a deletion.
    public func isDeleted(_ table: String, _ rowID: String) throws -> Bool {
        if deletedQuery == nil { deletedQuery = try db.prepare("SELECT 1 FROM _ds_history WHERE tbl = ? AND row_id = ? AND unit = '-' LIMIT 1") }
        let q = deletedQuery!
        defer { q.reset() }
        try q.bind(.text(table), at: 1)
        try q.bind(.text(rowID), at: 2)
        return try q.step()
    }

    /// The prepared statements of one state table.
    func plan(_ table: String) throws -> TablePlan {
        if let p = plans[table] { return p }
        guard let t = catalog.table(table) else { throw MergeError.unknownTable(table) }
        let p = try TablePlan(db: db, table: t, tagColumn: creationTagColumn)
        plans[table] = p
        return p
    }
}

/// A change naming a table or unit the catalog does not have.
public struct MergeError: Error, Sendable, CustomStringConvertible {
    public let description: String
    static func unknownTable(_ t: String) -> MergeError { MergeError(description: "没有名为 \(t) 的数据表") }
    static func unknownUnit(_ t: String, _ u: String) -> MergeError { MergeError(description: "数据表 \(t) 没有字段或字段组 \(u)") }
}
