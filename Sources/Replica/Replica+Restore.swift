internal import Foundation
internal import MergeStore
internal import SQLiteDB
public import SyncModel
#if canImport(Glibc)
    import Glibc
#endif

/// What `Replica.restore` did.
public struct ReplicaRestoreSummary: Sendable, Hashable {
    /// The site id the backup had, and the new one the restored replica pushes under.
    public let oldSite: SiteID
    public let newSite: SiteID
    /// Outbox entries that were not yet acknowledged when the backup was taken.
    public let pendingEntries: Int
}

/// What the first sync after a restore found: pending edits the server already had, and those re-sent.
public struct ReconcileSummary: Sendable, Hashable {
    public var alreadyOnServer = 0
    public var restamped = 0
}

/// Restoring a replica from an old backup (docs/OPERATIONS.md, "A replica restored from an old backup").
///
/// The old file cannot simply be copied back: its push sequence is behind what the server recorded for
/// its site (its next batch would reuse a number the server answered for another batch), and some of
/// its pending edits may have reached the server after the backup. So the restored replica gets a new
/// site id and push sequence 0, and is marked *reconciling*: its first sync pulls everything from the
/// start before pushing, notes which of the old site's changes the server holds, drops the pending
/// outbox entries among them, re-stamps the rest with the new site id, and only then pushes.
extension Replica {
    /// The `_ds_meta` keys of a restore in progress.
    enum RestoreKey {
        static let oldSite = "restored_from_site"
        static let reconciling = "restore_reconciling"
        /// Outbox entries below this sequence were made before the restore (candidates for reconciling).
        static let logEnd = "restore_log_end"
    }

    /// Restores the replica backup at `backup` to `path` under a new site id (see the type's notes).
    /// The backup is checked first; an existing file at `path` is refused unless `replacing` is set,
    /// when it and its `-wal`/`-shm` are kept as `path.before-restore`.
    public static func restore(from backup: String, to path: String, replacing: Bool = false) throws -> ReplicaRestoreSummary {
        guard fileExists(backup) else { throw ReplicaError.missing(backup) }
        let fm = FileManager.default
        if fileExists(path) {
            guard replacing else {
                throw ReplicaError(code: "restore.target_exists", message: "\(path) 已存在。确认要用备份替换它时请加 --force（原文件会改名为 \(path).before-restore 保留）")
            }
            for suffix in ["", "-wal", "-shm"] where fileExists(path + suffix) {
                try? fm.removeItem(atPath: path + ".before-restore" + suffix)
                try fm.moveItem(atPath: path + suffix, toPath: path + ".before-restore" + suffix)
            }
        }
        for suffix in ["-wal", "-shm", "-journal"] { unlink(path + suffix) }
        let temp = path + ".restoring"
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(temp + suffix) }
        do {
            try fm.copyItem(atPath: backup, toPath: temp)
            let summary = try prepareRestored(temp, backup: backup)
            guard rename(temp, path) == 0 else { throw ReplicaError.unwritable(path, cause: "rename failed, errno \(errno)") }
            return summary
        } catch {
            for suffix in ["", "-wal", "-shm", "-journal"] { unlink(temp + suffix) }
            throw error
        }
    }

    private static func prepareRestored(_ temp: String, backup: String) throws -> ReplicaRestoreSummary {
        let db: Database
        do { db = try Database(path: temp, mode: .readWrite) } catch { throw ReplicaError.notAReplica(backup, cause: "\(error)") }
        try ReplicaMigrator.verifyIsReplica(db, path: backup)
        let check = try db.query("PRAGMA integrity_check").compactMap { $0.first?.text }
        guard check == ["ok"] else {
            throw ReplicaError(code: "restore.corrupt", message: "备份 \(backup) 已损坏（完整性检查未通过），未做恢复", cause: check.prefix(3).joined(separator: "; "))
        }
        try db.execute("PRAGMA journal_mode = WAL")
        try db.setTriggersEnabled(false)
        return try resetIdentity(db, path: backup)
    }

    /// New site id, push sequence 0, pull cursor 0, no batch in flight, reconciling with the old site id.
    private static func resetIdentity(_ db: Database, path: String) throws -> ReplicaRestoreSummary {
        let newSite = SiteID.random()
        return try db.transaction {
            let meta = try ReplicaMeta.read(db)
            if meta[RestoreKey.reconciling]?.integer == 1 {
                throw ReplicaError(code: "restore.in_progress", message: "副本 \(path) 上一次的恢复尚未完成同步；请先运行 dsync sync")
            }
            guard let oldSite = SiteID(hex: meta["site"]?.text ?? "") else { throw ReplicaError.notAReplica(path, cause: "site id missing") }
            let outSeq = meta["out_seq"]?.integer ?? 0
            let logEnd = (try db.scalar("SELECT max(seq) FROM _ds_log")?.integer ?? 0) + 1
            let pending = try db.scalar("SELECT count(*) FROM _ds_log WHERE seq >= ?", [.integer(outSeq)])?.integer ?? 0
            try db.execute("""
                DELETE FROM _ds_inflight;
                CREATE TABLE IF NOT EXISTS _ds_restore_seen (
                    tbl TEXT NOT NULL, row_id TEXT NOT NULL, unit TEXT NOT NULL, hlc INTEGER NOT NULL,
                    PRIMARY KEY (tbl, row_id, unit, hlc)
                ) WITHOUT ROWID;
                DELETE FROM _ds_restore_seen;
                """)
            try ReplicaMeta.write(db, [
                "site": .text(newSite.hex), "push_seq": .integer(0), "pull_cursor": .integer(0),
                RestoreKey.oldSite: .text(oldSite.hex), RestoreKey.reconciling: .integer(1), RestoreKey.logEnd: .integer(logEnd),
                "restored_at": .integer(WallClock.nowMillis()),
            ])
            return ReplicaRestoreSummary(oldSite: oldSite, newSite: newSite, pendingEntries: Int(pending))
        }
    }

    /// Whether this replica was restored and its first sync has not finished reconciling yet: the sync
    /// must then pull everything (``applyPulled(_:)`` notes the old site's changes) and call
    /// ``finishRestoreReconcile()`` before pushing.
    public func isReconcilingRestore() throws -> Bool {
        try ReplicaMeta.integer(db, RestoreKey.reconciling) == 1
    }

    /// The old site id while reconciling, else nil.
    func reconcilingOldSite() throws -> SiteID? {
        guard try isReconcilingRestore() else { return nil }
        return SiteID(hex: try db.scalar("SELECT value FROM _ds_meta WHERE key = ?", [.text(RestoreKey.oldSite)])?.text ?? "")
    }

    /// Records that the server holds these changes of the old site (called inside the pull's transaction).
    func noteServerHeld(_ changes: [Change], oldSite: SiteID) throws {
        for c in changes where c.site == oldSite {
            try db.run("INSERT OR IGNORE INTO _ds_restore_seen (tbl, row_id, unit, hlc) VALUES (?, ?, ?, ?)",
                       [.text(c.table), .text(c.rowID), .text(c.unit), .integer(c.clock.rawValue)])
        }
    }

    /// After the full pull of the first sync: pending outbox entries of the old site that the server
    /// holds are dropped; the others are re-stamped with the new site id (same clock; links to them
    /// follow) and will be pushed. Creations are filtered when the outbox is read (``isHeldCreation``).
    @discardableResult
    public func finishRestoreReconcile() throws -> ReconcileSummary {
        try db.transaction {
            var summary = ReconcileSummary()
            guard let old = try reconcilingOldSite() else { return summary }
            let (oldHex, newHex) = (old.hex, site.hex)
            let outSeq = try ReplicaMeta.integer(db, "out_seq")
            let logEnd = try ReplicaMeta.integer(db, RestoreKey.logEnd)
            let entries = try db.query("SELECT seq, tbl, row_id, unit, hlc FROM _ds_log WHERE seq >= ? AND seq < ? AND unit <> '*' ORDER BY seq",
                                       [.integer(outSeq), .integer(logEnd)])
            for e in entries {
                let seq = e[0], table = e[1].text ?? "", row = e[2].text ?? "", unit = e[3].text ?? "", hlc = e[4].integer ?? 0
                let held = try db.scalar("SELECT 1 FROM _ds_restore_seen WHERE tbl = ? AND row_id = ? AND unit = ? AND hlc = ?",
                                         [.text(table), .text(row), .text(unit), .integer(hlc)]) != nil
                if held {
                    try db.run("DELETE FROM _ds_log WHERE seq = ?", [seq])
                    summary.alreadyOnServer += 1
                    continue
                }
                try db.run("UPDATE _ds_history SET site = ? WHERE tbl = ? AND row_id = ? AND unit = ? AND hlc = ? AND site = ?",
                           [.text(newHex), .text(table), .text(row), .text(unit), .integer(hlc), .text(oldHex)])
                guard db.changes == 1 else { continue }
                try db.run("UPDATE _ds_history SET base_site = ? WHERE tbl = ? AND row_id = ? AND unit = ? AND base_hlc = ? AND base_site = ?",
                           [.text(newHex), .text(table), .text(row), .text(unit), .integer(hlc), .text(oldHex)])
                let (from, to) = ("[\(hlc),\"\(oldHex)\"]", "[\(hlc),\"\(newHex)\"]")
                try db.run("UPDATE _ds_history SET resolves = replace(resolves, ?, ?) WHERE tbl = ? AND row_id = ? AND instr(resolves, ?) > 0",
                           [.text(from), .text(to), .text(table), .text(row), .text(from)])
                try db.run("UPDATE _ds_history SET value = replace(value, ?, ?) WHERE tbl = ? AND row_id = ? AND unit = '-' AND instr(value, ?) > 0",
                           [.text(from), .text(to), .text(table), .text(row), .text(from)])
                if unit == MergeUnit.deleteName {
                    try engine.recomputeConflicts(ofRow: table, row)
                } else {
                    try engine.recomputeConflicts(forCell: table, row, unit)
                }
                summary.restamped += 1
            }
            try ReplicaMeta.write(db, [RestoreKey.reconciling: .integer(0)])
            return summary
        }
    }

    /// Whether a created row in a pre-restore outbox entry already reached the server from the old site
    /// (so it is not pushed again). Always false once the outbox has passed the pre-restore entries.
    func isHeldCreation(_ table: String, _ rowID: String, clock: HybridTimestamp, logSeq: Int64) throws -> Bool {
        guard logSeq < restoreLogEnd else { return false }
        return try db.scalar("SELECT 1 FROM _ds_restore_seen WHERE tbl = ? AND row_id = ? AND unit = '*' AND hlc = ?",
                             [.text(table), .text(rowID), .integer(clock.rawValue)]) != nil
    }

    /// `restore_log_end`, or 0 for a replica never restored (read once per batch).
    var restoreLogEnd: Int64 {
        (try? db.scalar("SELECT value FROM _ds_meta WHERE key = ?", [.text(RestoreKey.logEnd)])?.integer) ?? 0
    }
}
