internal import SQLiteDB
internal import Domain
internal import MergeStore

/// One import as recorded in `_ds_import`.
public struct ImportRecord: Sendable, Hashable {
    public let id: Int64
    public let fileName: String
    public let sha256: String
    public let sheet: String?
    public let table: String
    /// Wall-clock milliseconds since 1970.
    public let importedAt: Int64
    public let counts: ImportCounts
}

/// Where the current value of one merge unit of a row came from.
public struct ValueOrigin: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// Written by an import, from this 1-based row of its sheet.
        case imported(ImportRecord, sourceRow: Int)
        /// Edited on this replica outside any import (`dsync`, the `sqlite3` shell, …).
        case localEdit
        /// Received by sync from another office's edit.
        case remote(office: String)
        /// The value the row was created with, not by an import.
        case creation
    }

    /// The merge unit (a column, or a column group's name).
    public let unit: String
    public let columns: [String]
    public let source: Source
    /// The clock reading of the change, when the value is a change rather than the creation.
    public let clock: Int64?
}

extension Replica {
    /// Every import recorded in this replica, oldest first.
    public func imports() throws -> [ImportRecord] {
        try db.query("SELECT id, file_name, file_sha256, sheet, tbl, imported_at, rows_read, inserted, updated, unchanged, rejected FROM _ds_import ORDER BY id")
            .map(Self.importRecord)
    }

    /// Where each current value of the row `rowID` of `table` came from, one entry per merge unit.
    public func valueOrigins(table name: String, rowID: String) throws -> [ValueOrigin] {
        let t = try table(name)
        guard let rid = try db.scalar("SELECT _rid FROM \(Database.quote(name)) WHERE id = ?", [.text(rowID)])?.integer else {
            throw ReplicaError.rowNotFound(name, rowID)
        }
        var out: [ValueOrigin] = []
        for unit in MergeUnit.units(of: t) {
            let latest = try db.query(
                "SELECT hlc, site, office FROM _ds_history WHERE tbl = ? AND row_id = ? AND unit = ? ORDER BY hlc DESC, site DESC LIMIT 1",
                [.text(name), .text(rowID), .text(unit.name)]).first
            if let latest, let hlc = latest[0].integer {
                let source: ValueOrigin.Source
                if latest[1].text == site.hex {
                    let hit = try db.query(
                        "SELECT import_id, source_row FROM _ds_import_row WHERE tbl = ? AND row_id = ? AND unit = ? AND hlc = ? LIMIT 1",
                        [.text(name), .text(rowID), .text(unit.name), .integer(hlc)]).first
                    if let hit, let record = try importRecord(hit[0].integer ?? 0) {
                        source = .imported(record, sourceRow: Int(hit[1].integer ?? 0))
                    } else {
                        source = .localEdit
                    }
                } else {
                    source = .remote(office: latest[2].text ?? "")
                }
                out.append(ValueOrigin(unit: unit.name, columns: unit.columns, source: source, clock: hlc))
            } else {
                let hit = try db.query(
                    "SELECT import_id, source_row + (? - rid_from) FROM _ds_import_row WHERE tbl = ? AND rid_from <= ?1 AND rid_to >= ?1 ORDER BY rid_from DESC LIMIT 1",
                    [.integer(rid), .text(name)]).first
                if let hit, let record = try importRecord(hit[0].integer ?? 0) {
                    out.append(ValueOrigin(unit: unit.name, columns: unit.columns, source: .imported(record, sourceRow: Int(hit[1].integer ?? 0)), clock: nil))
                } else {
                    out.append(ValueOrigin(unit: unit.name, columns: unit.columns, source: .creation, clock: nil))
                }
            }
        }
        return out
    }

    private func importRecord(_ id: Int64) throws -> ImportRecord? {
        try db.query("SELECT id, file_name, file_sha256, sheet, tbl, imported_at, rows_read, inserted, updated, unchanged, rejected FROM _ds_import WHERE id = ?",
                     [.integer(id)]).first.map(Self.importRecord)
    }

    private static func importRecord(_ r: [SQLValue]) -> ImportRecord {
        var counts = ImportCounts()
        counts.rowsRead = Int(r[6].integer ?? 0)
        counts.inserted = Int(r[7].integer ?? 0)
        counts.updated = Int(r[8].integer ?? 0)
        counts.unchanged = Int(r[9].integer ?? 0)
        counts.rejected = Int(r[10].integer ?? 0)
        return ImportRecord(id: r[0].integer ?? 0, fileName: r[1].text ?? "", sha256: r[2].text ?? "", sheet: r[3].text,
                            table: r[4].text ?? "", importedAt: r[5].integer ?? 0, counts: counts)
    }
}
