internal import SQLiteDB
internal import MergeStore
internal import SyncModel

/// Where imported values came from: one `_ds_import` row per spreadsheet import (file name, SHA-256,
/// sheet, table, counts) and `_ds_import_row` entries that tie each change the import made to the
/// source row: a run of created rows (`rid_from..rid_to` ↔ `source_row..`), or one changed unit of an
/// existing row (`row_id`, `unit`, `hlc` — the same key as its `_ds_history` entry).
///
/// Written in the import's own transaction, so a rolled-back import leaves no trace. Never synced.
enum ReplicaProvenance {
    static let ddl = """
        CREATE TABLE _ds_import (
            id INTEGER PRIMARY KEY,
            file_name TEXT NOT NULL,
            file_sha256 TEXT NOT NULL,
            sheet TEXT,
            tbl TEXT NOT NULL,
            imported_at INTEGER NOT NULL,
            rows_read INTEGER NOT NULL DEFAULT 0,
            inserted INTEGER NOT NULL DEFAULT 0,
            updated INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            rejected INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE _ds_import_row (
            import_id INTEGER NOT NULL REFERENCES _ds_import(id),
            tbl TEXT NOT NULL,
            source_row INTEGER NOT NULL,
            rid_from INTEGER,
            rid_to INTEGER,
            row_id TEXT,
            unit TEXT NOT NULL,
            hlc INTEGER
        );
        CREATE INDEX _ds_import_row_created ON _ds_import_row (tbl, rid_from) WHERE rid_from IS NOT NULL;
        CREATE INDEX _ds_import_row_changed ON _ds_import_row (tbl, row_id, unit, hlc) WHERE row_id IS NOT NULL;
        """
}

/// The file an import reads, as recorded in `_ds_import`.
public struct ImportSourceFile: Sendable, Hashable {
    public var fileName: String
    public var sha256: String
    public var sheet: String?
    public var table: String

    public init(fileName: String, sha256: String, sheet: String?, table: String) {
        self.fileName = fileName
        self.sha256 = sha256
        self.sheet = sheet
        self.table = table
    }
}

/// Counts an import stores with its provenance record.
public struct ImportCounts: Sendable, Hashable {
    public var rowsRead = 0, inserted = 0, updated = 0, unchanged = 0, rejected = 0
    public init() {}
}

extension ReplicaWriter {
    /// Records the start of an import and returns its id (use it for the other `record…` calls).
    public func beginImport(_ source: ImportSourceFile) throws -> Int64 {
        try replica.db.run(
            "INSERT INTO _ds_import (file_name, file_sha256, sheet, tbl, imported_at) VALUES (?, ?, ?, ?, ?)",
            [.text(source.fileName), .text(source.sha256), .text(source.sheet), .text(source.table), .integer(replica.wallClock())])
        return replica.db.lastInsertRowID
    }

    /// Records that rows `ridFrom...ridTo` of `table` were created from source rows `firstSourceRow…`, one each.
    public func recordCreated(importID: Int64, table: String, firstSourceRow: Int, ridFrom: Int64, ridTo: Int64) throws {
        try replica.db.run(
            "INSERT INTO _ds_import_row (import_id, tbl, source_row, rid_from, rid_to, unit) VALUES (?, ?, ?, ?, ?, '*')",
            [.integer(importID), .text(table), .integer(Int64(firstSourceRow)), .integer(ridFrom), .integer(ridTo)])
    }

    /// Records the unit changes an update made (as returned by ``update(_:id:_:)``) from `sourceRow`.
    public func recordUpdated(importID: Int64, table: String, rowID: String, sourceRow: Int, changes: [(unit: String, clock: Int64)]) throws {
        for change in changes {
            try replica.db.run(
                "INSERT INTO _ds_import_row (import_id, tbl, source_row, row_id, unit, hlc) VALUES (?, ?, ?, ?, ?, ?)",
                [.integer(importID), .text(table), .integer(Int64(sourceRow)), .text(rowID), .text(change.unit), .integer(change.clock)])
        }
    }

    /// Stores the final counts of an import.
    public func finishImport(_ importID: Int64, counts: ImportCounts) throws {
        try replica.db.run(
            "UPDATE _ds_import SET rows_read = ?, inserted = ?, updated = ?, unchanged = ?, rejected = ? WHERE id = ?",
            [.integer(Int64(counts.rowsRead)), .integer(Int64(counts.inserted)), .integer(Int64(counts.updated)),
             .integer(Int64(counts.unchanged)), .integer(Int64(counts.rejected)), .integer(importID)])
    }
}
