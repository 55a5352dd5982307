internal import Domain
internal import MergeStore
internal import SQLiteDB

extension Replica {
    /// Withdraws every change the server refused: the replica goes back to the values the refused edits
    /// replaced (kept in their history entries as `prior`), a refused creation is removed, a refused
    /// deletion restores the row. Nothing of this is captured: the server never had these changes.
    /// Returns how many were withdrawn.
    @discardableResult
    public func withdrawRejected() throws -> Int {
        try db.transaction {
            let rejected = try rejectedChanges()
            for r in rejected {
                guard let table = catalog.table(r.table) else { continue }
                let q = Database.quote(r.table)
                let key: [SQLValue] = [.text(r.table), .text(r.rowID), .text(r.unit), .integer(r.clock.rawValue), .text(site.hex)]
                switch r.unit {
                case MergeUnit.insertName:
                    try db.run("DELETE FROM \(q) WHERE id = ?", [.text(r.rowID)])
                case MergeUnit.deleteName:
                    if let prior = try db.scalar("SELECT prior FROM _ds_history WHERE tbl = ? AND row_id = ? AND unit = ? AND hlc = ? AND site = ?", key),
                       !prior.isNull {
                        let cols = table.columnNames
                        try db.run("INSERT OR IGNORE INTO \(q) (\(cols.map(Database.quote).joined(separator: ", "))) SELECT \(cols.map { "json_extract(?1, '$.\($0)')" }.joined(separator: ", "))",
                                   [prior])
                    }
                default:
                    guard let unit = MergeUnit.unit(r.unit, of: table) else { continue }
                    let latest = try engine.latest(r.table, r.rowID, r.unit)
                    if latest?.clock == r.clock, latest?.site == site,
                       let prior = try db.scalar("SELECT prior FROM _ds_history WHERE tbl = ? AND row_id = ? AND unit = ? AND hlc = ? AND site = ?", key),
                       !prior.isNull {
                        try db.run("UPDATE \(q) SET \(unit.columns.map { "\(Database.quote($0)) = json_extract(?1, '$.\($0)')" }.joined(separator: ", ")) WHERE id = ?2",
                                   [prior, .text(r.rowID)])
                    }
                }
                try db.run("DELETE FROM _ds_history WHERE tbl = ? AND row_id = ? AND unit = ? AND hlc = ? AND site = ?", key)
                if r.unit != MergeUnit.insertName && r.unit != MergeUnit.deleteName {
                    try engine.recomputeConflicts(forCell: r.table, r.rowID, r.unit)
                }
                try db.run("DELETE FROM _ds_rejected WHERE tbl = ? AND row_id = ? AND unit = ? AND hlc = ?",
                           [.text(r.table), .text(r.rowID), .text(r.unit), .integer(r.clock.rawValue)])
            }
            return rejected.count
        }
    }
}
