internal import MergeStore
public import SyncModel
internal import SQLiteDB

/// What applying a batch of remote changes did.
public struct ApplyResult: Sendable, Hashable {
    /// Changes that are now (part of) the current state.
    public var applied = 0
    /// Changes recorded but beaten by a value already here or by a deletion.
    public var superseded = 0
    /// Changes already held.
    public var duplicates = 0

    public init(applied: Int = 0, superseded: Int = 0, duplicates: Int = 0) {
        self.applied = applied
        self.superseded = superseded
        self.duplicates = duplicates
    }
}

extension Replica {
    /// Applies changes from other replicas atomically under the merge rule (`MergeEngine`). Nothing
    /// applied here enters the outbox; losers go to the conflict log.
    @discardableResult
    public func apply(_ changes: [Change]) throws -> ApplyResult {
        try db.transaction { try applyInTransaction(changes) }
    }

    /// `checkDrift`: refuse clocks more than a day ahead of this computer's. Off for pulled batches: the
    /// server already checked them against its own clock, and a replica whose clock is behind must not
    /// get stuck refusing them.
    func applyInTransaction(_ changes: [Change], checkDrift: Bool = true) throws -> ApplyResult {
        clock.advance(past: HybridTimestamp(rawValue: try ReplicaMeta.integer(db, "hlc")))
        try refreshLocalConflicts()
        var result = ApplyResult()
        let now = max(wallClock(), WallClock.nowMillis())
        for change in changes {
            if checkDrift { try clock.receive(change.clock, wallMillis: now) } else { clock.advance(past: change.clock) }
            do {
                switch try engine.apply(change) {
                case .applied: result.applied += 1
                case .superseded: result.superseded += 1
                case .duplicate: result.duplicates += 1
                }
            } catch let e as MergeError {
                throw ReplicaError(code: "replica.unknown_change", message: e.description)
            }
        }
        try db.run("UPDATE _ds_meta SET value = ? WHERE key = 'hlc'", [.integer(clock.last.rawValue)])
        return result
    }

    /// Recomputes the conflicts of cells other SQLite tools edited since the last time (their triggers
    /// record history but cannot run the merge engine).
    func refreshLocalConflicts() throws {
        let from = try ReplicaMeta.integer(db, "conflicts_seq")
        guard let top = try db.scalar("SELECT max(seq) FROM _ds_log")?.integer, top > from else { return }
        for r in try db.query("SELECT DISTINCT tbl, row_id, unit FROM _ds_log WHERE seq > ? AND unit <> '*'", [.integer(from)]) {
            let table = r[0].text ?? "", row = r[1].text ?? "", unit = r[2].text ?? ""
            if unit == MergeUnit.deleteName {
                try engine.recomputeConflicts(ofRow: table, row)
            } else {
                try engine.recomputeConflicts(forCell: table, row, unit)
            }
        }
        try ReplicaMeta.write(db, ["conflicts_seq": .integer(top)])
    }
}
