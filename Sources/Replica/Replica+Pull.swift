internal import MergeStore
internal import SQLiteDB
public import SyncModel

extension Replica {
    /// The server log position this replica has applied up to.
    public func pullCursor() throws -> Int64 { try ReplicaMeta.integer(db, "pull_cursor") }

    /// Applies one pulled batch and moves the pull cursor, atomically: a crash leaves either none of the
    /// batch or all of it, and the next pull resumes from the last applied cursor. A batch whose checksum
    /// does not match is refused before anything is written.
    @discardableResult
    public func applyPulled(_ response: PullResponse) throws -> ApplyResult {
        guard SyncProtocol.checksum(response.changes) == response.checksum else {
            throw ReplicaError(code: "sync.checksum", message: "收到的数据校验失败（网络传输损坏），未写入任何内容；请重新同步")
        }
        return try db.transaction {
            if let old = try reconcilingOldSite() { try noteServerHeld(response.changes, oldSite: old) }
            let result = try applyInTransaction(response.changes.filter { $0.site != site }, checkDrift: false)
            try ReplicaMeta.write(db, ["pull_cursor": .integer(response.cursor), "last_pull_at": .integer(WallClock.nowMillis())])
            return result
        }
    }
}
