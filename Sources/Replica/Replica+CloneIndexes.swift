internal import Foundation
internal import SQLiteDB

extension Replica {
    /// Before a first pull (a clone), drops the plain indexes of every state table that is still empty, to
    /// build them once at the end: one sort per index instead of a random B-tree insert per pulled row and
    /// index (a million-row clone spent most of its time there). The `id` UNIQUE index stays, and nothing
    /// the merge does looks rows up by another index. The dropped indexes are written down in `_ds_meta` in
    /// the same transaction, so if the clone is cut short they come back at the next `Replica.open` (or the
    /// next `rebuildCloneIndexes`). Returns false when nothing was dropped.
    @discardableResult
    public func deferIndexesForClone() throws -> Bool {
        try db.transaction {
            guard try pendingCloneIndexes() == nil else { return false }
            var dropped: [String] = []
            for table in catalog.tables {
                let q = Database.quote(table.name)
                guard try db.scalar("SELECT 1 FROM \(q) LIMIT 1") == nil else { continue }
                for index in try plainIndexes(of: table.name) {
                    try db.execute("DROP INDEX \(Database.quote(index.name))")
                    dropped.append(index.sql)
                }
            }
            guard !dropped.isEmpty else { return false }
            let list = String(decoding: try JSONEncoder().encode(dropped), as: UTF8.self)
            try ReplicaMeta.write(db, [Self.cloneIndexesKey: .text(list)])
            return true
        }
    }

    /// Builds again the indexes `deferIndexesForClone` dropped, in one transaction (none pending: a read,
    /// no write lock — it runs at every opening).
    public func rebuildCloneIndexes() throws {
        guard try pendingCloneIndexes() != nil else { return }
        try db.transaction {
            guard let sqls = try pendingCloneIndexes() else { return }
            for sql in sqls {
                // The migration at opening may have made some of them again already.
                let prefix = "CREATE INDEX "
                try db.execute(sql.hasPrefix(prefix) ? "CREATE INDEX IF NOT EXISTS " + sql.dropFirst(prefix.count) : sql)
            }
            try db.run("DELETE FROM _ds_meta WHERE key = ?", [.text(Self.cloneIndexesKey)])
        }
    }

    /// The CREATE INDEX statements of indexes dropped for a clone and not yet rebuilt.
    func pendingCloneIndexes() throws -> [String]? {
        guard let text = try db.scalar("SELECT value FROM _ds_meta WHERE key = ?", [.text(Self.cloneIndexesKey)])?.text else { return nil }
        return try JSONDecoder().decode([String].self, from: Data(text.utf8))
    }

    static let cloneIndexesKey = "clone_deferred_indexes"
}
