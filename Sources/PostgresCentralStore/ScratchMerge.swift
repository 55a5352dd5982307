internal import Domain
internal import MergeStore
internal import SQLiteDB
internal import Synchronization

/// An in-memory SQLite database with the merge schema, where the PostgreSQL store runs the one
/// `MergeEngine` over the rows a batch touches: their history, conflicts and current state are loaded
/// from PostgreSQL (under the rows' locks), the batch is applied here, and what changed is written back.
/// So both stores decide winners and conflicts with the very same code.
///
/// Used by one task at a time: it is checked out of a `ScratchPool` for one transaction.
final class ScratchMerge: @unchecked Sendable {
    let db: Database
    let engine: MergeEngine
    let catalog: Catalog

    init(catalog: Catalog) throws {
        db = try Database(path: ":memory:", mode: .create)
        try db.execute(MergeSchema.historyDDL)
        try MergeSchema.reconcileTables(db, catalog: catalog, ownerDefault: "", numbering: .plain)
        engine = MergeEngine(db: db, catalog: catalog)
        self.catalog = catalog
    }

    /// Empties every table (before each use).
    func reset() throws {
        var sql = "DELETE FROM _ds_history; DELETE FROM _ds_conflict;"
        for t in catalog.tables { sql += "DELETE FROM \(Database.quote(t.name));" }
        try db.execute(sql)
    }

    /// Inserts rows read from PostgreSQL.
    func load(_ table: String, columns: [String], rows: [[SQLValue]]) throws {
        guard !rows.isEmpty else { return }
        let sql = "INSERT INTO \(Database.quote(table)) (\(columns.map(Database.quote).joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
        for r in rows { try db.run(sql, r) }
    }
}

/// Scratch databases to reuse, one per concurrent transaction.
final class ScratchPool: Sendable {
    private let idle = Mutex<[ScratchMerge]>([])
    let catalog: Catalog

    init(catalog: Catalog) { self.catalog = catalog }

    /// Runs `body` with an emptied scratch database of its own.
    func with<T>(_ body: (ScratchMerge) async throws -> T) async throws -> T {
        let scratch = try idle.withLock { $0.popLast() } ?? ScratchMerge(catalog: catalog)
        try scratch.reset()
        let result = try await body(scratch)
        idle.withLock { $0.append(scratch) }
        return result
    }
}
