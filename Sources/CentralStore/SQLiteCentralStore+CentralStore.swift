internal import Domain
internal import MergeStore
internal import SQLiteDB
public import SyncModel

extension SQLiteCentralStore: CentralStore {
    public var location: String { path }

    public func currentRow(table: String, id: String) throws -> [String: CellValue]? {
        guard catalog.table(table) != nil else { return nil }
        let columns = try db.query("SELECT name FROM pragma_table_info(?) ORDER BY cid", [.text(table)]).compactMap { $0[0].text }
            .filter { $0 != MergeSchema.ridColumn && $0 != Table.idColumn && $0 != CreationRef.column }
        guard let row = try db.query("SELECT \(columns.map(Database.quote).joined(separator: ", ")) FROM \(Database.quote(table)) WHERE id = ?",
                                     [.text(id)]).first else { return nil }
        return Dictionary(uniqueKeysWithValues: zip(columns, row.map(CellValue.init)))
    }

    public func close() {}
}
