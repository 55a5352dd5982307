internal import SQLiteDB

extension ReplicaWriter {
    /// Drops the plain (non-unique) indexes of `table` for a bulk load, to build them again afterwards:
    /// one sort per index instead of a random B-tree insert per row and index. Only the natural-key and
    /// declared indexes go; the `id` UNIQUE index and the `_rid` key stay, so every insert is still checked.
    ///
    /// The indexes come back in the same transaction: at ``rebuildDeferredIndexes()`` (call it before any
    /// query that needs them, such as a natural-key lookup) and at the latest before the write commits.
    /// A rolled-back write restores them with everything else. Returns false (nothing dropped) when the
    /// table has no such index or already has them deferred.
    @discardableResult
    public func deferIndexes(of table: String) throws -> Bool {
        _ = try replica.table(table)
        guard !deferredIndexes.contains(where: { $0.table == table }) else { return false }
        let indexes = try replica.plainIndexes(of: table)
        guard !indexes.isEmpty else { return false }
        for index in indexes { try replica.db.execute("DROP INDEX \(Database.quote(index.name))") }
        if deferredIndexes.isEmpty, let cache = try replica.db.scalar("PRAGMA cache_size")?.integer {
            // Nothing is looked up at random while the indexes are away (rows append, ids ascend), and
            // CREATE INDEX sorts in as much memory as the page cache may use: a small cache keeps the
            // peak memory of a million-row load low, at no cost in speed.
            savedCacheSize = cache
            try replica.db.execute("PRAGMA cache_size = \(max(cache, -Self.bulkCacheKiB))")
        }
        deferredIndexes.append((table, indexes))
        return true
    }

    /// The page cache (KiB) while indexes are deferred, and the memory each index sort may use.
    static let bulkCacheKiB: Int64 = 8 * 1024

    /// Creates again every index ``deferIndexes(of:)`` dropped (no-op when none is deferred).
    public func rebuildDeferredIndexes() throws {
        while let (_, indexes) = deferredIndexes.first {
            for index in indexes { try replica.db.execute(index.sql) }
            deferredIndexes.removeFirst()
        }
        try restoreCacheSize()
    }

    /// Gives the connection back the page cache it had before ``deferIndexes(of:)``.
    func restoreCacheSize() throws {
        guard let cache = savedCacheSize else { return }
        savedCacheSize = nil
        try replica.db.execute("PRAGMA cache_size = \(cache)")
    }

    /// Whether `table` has indexes dropped by ``deferIndexes(of:)`` and not yet rebuilt.
    public func hasDeferredIndexes(_ table: String) -> Bool { deferredIndexes.contains { $0.table == table } }
}

extension Replica {
    /// The plain (non-unique) indexes of `table`, with the SQL that makes each: the natural-key and declared
    /// indexes a bulk load may drop and build again. The `id` UNIQUE index is never among them.
    func plainIndexes(of table: String) throws -> [(name: String, sql: String)] {
        try db.query("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
                     [.text(table)]).compactMap { row in
            guard let name = row[0].text, let sql = row[1].text, !sql.prefix(20).uppercased().hasPrefix("CREATE UNIQUE") else { return nil }
            return (name, sql)
        }
    }
}
