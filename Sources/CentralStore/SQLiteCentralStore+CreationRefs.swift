internal import Domain
internal import MergeStore
internal import SQLiteDB
internal import SyncModel

/// A creation's feed entry kept as a reference to its state row, not as a copy of its values.
///
/// A bulk push is mostly creations, and a creation's values are exactly what its new state row holds, so
/// the SQLite store writes them once: the feed entry keeps only which columns the creation named and
/// the office that made it (`0x00 0x01`, a bitmap over the table's columns, the office), and the state row
/// keeps the entry's `seq` in `_ds_feed`. Pulls rebuild the creation's wire bytes from the row; they are
/// the bytes the creation was stored as, because the row still holds the creation's values: before the
/// merge changes or deletes a row whose `_ds_feed` is set, the creation's full bytes are written into its
/// feed entry and the mark is cleared (`keepCreation`). Halves what a bulk push writes to the file
/// (state row plus feed copy) and so the WAL and checkpoint traffic.
/// Only a creation of a row the store did not hold, with no `base`, `seen` or `resolves`, whose every
/// value is null or of its column's storage class, is kept as a reference; anything else is stored whole.
enum CreationRef {
    /// The column of every central state table that names a row's creation entry while it is a reference.
    static let column = "_ds_feed"
    static let marker: [UInt8] = [0x00, 0x01]

    /// A table's columns in `CellValues` order as the state table has them, with the storage class each
    /// holds: the layout the bitmap indexes.
    struct Layout {
        enum Kind { case text, integer, other }
        let table: String
        let columns: [String]
        let kinds: [Kind]
        /// `SELECT` of those columns by row id.
        let selectSQL: String

        /// The state table's columns now (without `id`, the hidden `_rid` and the reference column).
        init(_ db: Database, table: String) throws {
            var found: [(String, Kind)] = []
            for r in try db.query("SELECT name, upper(type) FROM pragma_table_info(?)", [.text(table)]) {
                let name = r[0].text ?? ""
                guard name != Table.idColumn, name != MergeSchema.ridColumn, name != CreationRef.column else { continue }
                found.append((name, r[1].text == "TEXT" ? .text : r[1].text == "INTEGER" ? .integer : .other))
            }
            found.sort { CellValues.compare($0.0, $1.0) < 0 }
            self.table = table
            columns = found.map(\.0)
            kinds = found.map(\.1)
            selectSQL = "SELECT \(columns.map(Database.quote).joined(separator: ", ")) FROM \(Database.quote(table)) WHERE id = ?"
        }
    }

    /// The reference for creation `c`, or nil when it must be stored whole.
    static func make(_ c: Change, _ layout: Layout) -> [UInt8]? {
        guard c.base == nil, c.seen == nil, c.resolves == nil else { return nil }
        var bytes = marker + [UInt8](repeating: 0, count: (layout.columns.count + 7) / 8)
        // The values and the layout are both in `CellValues` order: one walk side by side.
        let keys = c.values.keys, values = c.values.values
        var columns = SortedNameCursor(layout.columns)
        for n in keys.indices {
            guard let j = columns.seek(keys[n]) else { return nil }  // not a column of the table
            switch (values[n], layout.kinds[j]) {
            case (.null, _), (.text, .text), (.integer, .integer): break
            default: return nil
            }
            bytes[marker.count + j / 8] |= 1 << UInt8(j % 8)
        }
        return bytes + Array(c.office.utf8)
    }

    static func isReference(_ bytes: UnsafeRawBufferPointer) -> Bool { bytes.count >= 2 && bytes[0] == 0 && bytes[1] == 1 }

    /// The creation a reference stands for, given the row's values in `layout` order.
    static func change(_ ref: UnsafeRawBufferPointer, _ layout: Layout, row: [SQLValue], rowID: String, clock: Int64, site: String) throws -> Change {
        let mapBytes = (layout.columns.count + 7) / 8
        guard isReference(ref), ref.count >= marker.count + mapBytes, row.count == layout.columns.count,
              let siteID = SiteID(hex: site) else { throw CreationRefError(table: layout.table, rowID: rowID) }
        var values = CellValues(minimumCapacity: layout.columns.count)
        for j in layout.columns.indices where ref[marker.count + j / 8] & (1 << UInt8(j % 8)) != 0 {
            values[layout.columns[j]] = CellValue(row[j])
        }
        let office = String(decoding: ref[(marker.count + mapBytes)...], as: UTF8.self)
        return Change(table: layout.table, rowID: rowID, unit: MergeUnit.insertName, values: values,
                      clock: HybridTimestamp(rawValue: clock), site: siteID, office: office)
    }
}

/// A feed reference whose state row is missing or does not match: the store was changed behind its back.
struct CreationRefError: Error, CustomStringConvertible {
    let table: String
    let rowID: String
    var description: String { "中心库的变更记录与数据表 \(table) 的记录 \(rowID) 不一致" }
}

/// The store's creation references: reading them back, and writing them out whole.
struct CreationRefs {
    let db: Database
    /// Layouts read so far, by table.
    var layouts: [String: CreationRef.Layout] = [:]

    init(db: Database) { self.db = db }

    /// The layout of `table`'s references (read once per table).
    mutating func layout(_ table: String) throws -> CreationRef.Layout {
        if let l = layouts[table] { return l }
        let l = try CreationRef.Layout(db, table: table)
        layouts[table] = l
        return l
    }

    /// The wire bytes of the creation `ref` stands for, rebuilt from its state row.
    mutating func bytes(_ ref: UnsafeRawBufferPointer, table: String, rowID: String, clock: Int64, site: String) throws -> [UInt8] {
        let layout = try layout(table)
        let select = try db.cached(layout.selectSQL)
        defer { select.reset() }
        try select.bind([.text(rowID)])
        guard try select.step() else { throw CreationRefError(table: table, rowID: rowID) }
        let row = layout.columns.indices.map { select.column($0) }
        return WireJSON.encode(try CreationRef.change(ref, layout, row: row, rowID: rowID, clock: clock, site: site))
    }

    /// Before the merge changes or deletes row `rowID` of `table`: if its creation's feed entry is still a
    /// reference, writes the creation's bytes into it (the row still holds its values) and clears the mark.
    mutating func keep(_ table: String, _ rowID: String) throws {
        let find = try db.cached("SELECT \(CreationRef.column) FROM \(Database.quote(table)) WHERE id = ?")
        try find.bind([.text(rowID)])
        let seq = try find.step() ? find.column(0).integer : nil
        find.reset()
        guard let seq else { return }
        let entry = try db.prepare("SELECT change, hlc, site FROM feed WHERE seq = ?")
        try entry.bind([.integer(seq)])
        guard try entry.step() else { throw CreationRefError(table: table, rowID: rowID) }
        let stored = entry.column(0)
        let clock = entry.columnInt64(1), site = entry.columnText(2)
        entry.reset()
        if case .blob(let ref) = stored {
            let whole = try ref.withUnsafeBytes { r in
                CreationRef.isReference(r) ? try bytes(r, table: table, rowID: rowID, clock: clock, site: site) : nil
            }
            if let whole { try db.run("UPDATE feed SET change = ? WHERE seq = ?", [.blob(whole), .integer(seq)]) }
        }
        try db.run("UPDATE \(Database.quote(table)) SET \(CreationRef.column) = NULL WHERE id = ?", [.text(rowID)])
    }

    /// Writes every reference of `tables` out whole (the caller owns the transaction).
    mutating func writeOut(_ tables: [String]) throws {
        for table in tables {
            for r in try db.query("SELECT id FROM \(Database.quote(table)) WHERE \(CreationRef.column) IS NOT NULL") {
                try keep(table, r[0].text ?? "")
            }
        }
    }

    /// Gives every state table of `catalog` the reference column. Runs `reconcile` (which may add
    /// columns) in between, writing out first the references of a table whose columns it changed: a
    /// bitmap names columns by position. The caller owns the transaction.
    static func prepare(_ db: Database, catalog: Catalog, reconcile: () throws -> Void) throws {
        var refs = CreationRefs(db: db)
        for t in catalog.tables where try hasColumn(db, t.name, CreationRef.column) {
            refs.layouts[t.name] = try CreationRef.Layout(db, table: t.name)
        }
        try reconcile()
        db.clearStatementCache()
        for t in catalog.tables {
            if let old = refs.layouts[t.name] {
                if try CreationRef.Layout(db, table: t.name).columns != old.columns { try refs.writeOut([t.name]) }
            } else {
                try db.execute("ALTER TABLE \(Database.quote(t.name)) ADD COLUMN \(CreationRef.column) INTEGER")
            }
        }
        db.clearStatementCache()
    }

    private static func hasColumn(_ db: Database, _ table: String, _ column: String) throws -> Bool {
        try db.scalar("SELECT 1 FROM pragma_table_info(?) WHERE name = ?", [.text(table), .text(column)]) != nil
    }
}

extension SQLiteCentralStore {
    /// Writes every creation reference out whole: before the feed is copied out of the store (`dsync
    /// store copy`), so the copy holds every change's bytes.
    public func writeOutCreationRefs() throws {
        try db.transaction { try creationRefs.writeOut(catalog.tables.map(\.name)) }
    }
}
