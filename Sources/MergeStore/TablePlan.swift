import Domain
import SQLiteDB
import SyncModel

/// The prepared statements the merge runs on one state table for every change: the owner lookup and the
/// INSERT of a creation that carries every column. Prepared once per engine, bound per change, so the
/// hot path builds no SQL text and looks nothing up by SQL string.
final class TablePlan {
    let table: Table
    /// The state columns a change may carry, in catalog order (`owner_unit_id`, then the fields).
    let columns: [String]
    /// The same columns in the order `CellValues` keeps them (UTF-8 bytes): the INSERT's column order.
    private let sortedColumns: [String]
    private let ownerQuery: Statement
    private let insertAll: Statement

    init(db: Database, table: Table) throws {
        self.table = table
        columns = table.columnNames.filter { $0 != Table.idColumn }
        sortedColumns = columns.sorted { CellValues.compare($0, $1) < 0 }
        let q = Database.quote(table.name)
        ownerQuery = try db.prepare("SELECT \(Database.quote(Table.ownerColumn)) FROM \(q) WHERE id = ?")
        insertAll = try db.prepare(
            "INSERT INTO \(q) (id\(sortedColumns.map { ", " + Database.quote($0) }.joined())) VALUES (?\(String(repeating: ", ?", count: columns.count)))")
    }

    /// The row's owner; nil when the state table has no row `rowID`.
    func owner(_ rowID: String) throws -> String? {
        defer { ownerQuery.reset() }
        try ownerQuery.bind(.text(rowID), at: 1)
        guard try ownerQuery.step() else { return nil }
        return ownerQuery.columnText(0)
    }

    /// The INSERT for creation `c`, bound, when `c` carries exactly every column (then step it and reset
    /// it); nil otherwise (the caller builds the INSERT for the columns it has). Both lists are in the
    /// same order, so this walks them side by side and looks nothing up.
    func insertEvery(_ c: Change) throws -> Statement? {
        let keys = c.values.keys
        guard keys.count == sortedColumns.count else { return nil }
        for n in keys.indices where CellValues.compare(keys[n], sortedColumns[n]) != 0 { return nil }
        insertAll.reset()
        try insertAll.bind(.text(c.rowID), at: 1)
        for (n, v) in c.values.values.enumerated() { try insertAll.bind(v.sqlValue, at: Int32(n + 2)) }
        return insertAll
    }
}
