import Domain
import SQLiteDB
import SyncModel

/// The prepared statements the merge runs on one state table for every change: the owner lookup and the
/// INSERT of a creation. Prepared once per engine, bound per change, so the
/// hot path builds no SQL text and looks nothing up by SQL string.
final class TablePlan {
    let table: Table
    /// The state columns a change may carry (`owner_unit_id` and the fields), in the order `CellValues`
    /// keeps them (UTF-8 bytes): the INSERT's column order.
    private let sortedColumns: [String]
    private let ownerIndex: Int
    private let ownerQuery: Statement
    private let insertAll: Statement
    /// `insertAll` that does nothing when a row with the id exists.
    private let insertIfAbsent: Statement

    /// `tagColumn`: a column of the state table the INSERT of a creation also fills (`insertCreation`'s `tag`).
    init(db: Database, table: Table, tagColumn: String? = nil) throws {
        self.table = table
        sortedColumns = table.columnNames.filter { $0 != Table.idColumn }.sorted { CellValues.compare($0, $1) < 0 }
        ownerIndex = sortedColumns.firstIndex(of: Table.ownerColumn) ?? -1
        let q = Database.quote(table.name)
        ownerQuery = try db.prepare("SELECT \(Database.quote(Table.ownerColumn)) FROM \(q) WHERE id = ?")
        let columns = sortedColumns + (tagColumn.map { [$0] } ?? [])
        let insert = "INSERT INTO \(q) (id\(columns.map { ", " + Database.quote($0) }.joined())) VALUES (?\(String(repeating: ", ?", count: columns.count)))"
        insertAll = try db.prepare(insert)
        insertIfAbsent = try db.prepare(insert + " ON CONFLICT(id) DO NOTHING")
        tagIndex = tagColumn == nil ? nil : Int32(columns.count + 1)
    }

    private let tagIndex: Int32?


    /// The row's owner; nil when the state table has no row `rowID`.
    func owner(_ rowID: String) throws -> String? {
        defer { ownerQuery.reset() }
        try ownerQuery.bind(.text(rowID), at: 1)
        guard try ownerQuery.step() else { return nil }
        return ownerQuery.columnText(0)
    }

    /// The INSERT for creation `c`, bound (step it, then reset it): the columns `c` leaves out are null and
    /// the owner, when left out, is the creating office; a value for a column the table does not have is
    /// ignored. Both `c`'s values and the INSERT's columns are in `CellValues` order, so this walks them side
    /// by side and looks nothing up.
    /// `ifAbsent`: the INSERT does nothing when the table has a row `c.rowID` (see `Database.changes`).
    func insertCreation(_ c: Change, tag: Int64? = nil, ifAbsent: Bool = false) throws -> Statement {
        let insertAll = ifAbsent ? insertIfAbsent : insertAll
        let keys = c.values.keys, values = c.values.values
        insertAll.reset()
        var textBytes = c.rowID.utf8.count + c.office.utf8.count
        for v in values { if case .text(let s) = v { textBytes += s.utf8.count } }
        insertAll.reserveArena(textBytes)
        try check(insertAll.bindTextInArena(c.rowID, at: 1))
        var given = SortedNameCursor(keys)  // passes the values of columns the table does not have
        for (j, column) in sortedColumns.enumerated() {
            if let n = given.seek(column) {
                if case .text(let s) = values[n] {
                    try check(insertAll.bindTextInArena(s, at: Int32(j + 2)))
                } else {
                    try insertAll.bind(values[n].sqlValue, at: Int32(j + 2))
                }
            } else if j == ownerIndex {
                try check(insertAll.bindTextInArena(c.office, at: Int32(j + 2)))
            }  // else: left null (reset cleared the binding)
        }
        if let tagIndex, let tag { try insertAll.bind(.integer(tag), at: tagIndex) }
        return insertAll
    }

    private func check(_ rc: Int32) throws {
        guard rc == 0 else { throw MergeError(description: "绑定参数失败（SQLite 错误 \(rc)）") }
    }
}
