public import Replica
internal import SQLiteDB
internal import SyncModel

/// What one `dsync sync` did.
public struct SyncReport: Sendable, Hashable {
    public var pushedBatches = 0
    public var pushedChanges = 0
    public var rejected = 0
    public var pulledChanges = 0
    public var applied = 0
    public var openConflicts = 0

    public init() {}
}

/// Progress of a long sync, for the clerk's progress line.
public enum SyncProgress: Sendable {
    case pushed(changes: Int, batches: Int)
    case pulled(changes: Int, cursor: Int64)
    case retrying(attempt: Int, reason: String)
}

/// The office-side sync loop: push the outbox in bounded batches (each acknowledged before the next;
/// a batch in flight is re-sent unchanged after any failure), then pull until caught up, applying each
/// pulled batch atomically with its cursor.
public struct SyncSession {
    public let replica: Replica
    public let transport: any SyncTransport
    public var pushBatchSize = 5_000
    public var pullLimit = 5_000
    /// Prepare the next push batch while the previous one is on the wire, and fetch the next pulled page
    /// while the previous one is applied (the transport call runs on its own thread; the replica is only
    /// ever touched from the caller's thread).
    public var overlap = true

    public init(replica: Replica, transport: any SyncTransport) {
        self.replica = replica
        self.transport = transport
    }

    /// Runs one full sync. Throws `SyncClientError` when it cannot finish; nothing local is lost then.
    public func run(progress: (SyncProgress) -> Void = { _ in }) throws(SyncClientError) -> SyncReport {
        var report = SyncReport()
        if try local({ try replica.isReconcilingRestore() }) {
            // Restored from a backup: learn what the server holds before pushing anything (Replica+Restore).
            try pull(&report, progress)
            _ = try local { try replica.finishRestoreReconcile() }
        }
        try push(&report, progress)
        try pull(&report, progress)
        report.openConflicts = try local { try replica.conflicts(includeResolved: false).count }
        return report
    }

    /// Pushes every pending change.
    public func push(_ report: inout SyncReport, _ progress: (SyncProgress) -> Void = { _ in }) throws(SyncClientError) {
        var next = try local { try replica.nextPushBatch(maxChanges: pushBatchSize) }
        while let batch = next {
            let transport = self.transport
            let call = BackgroundCall(inline: !overlap) { () throws(SyncClientError) -> PushResponse in try transport.push(batch.request, body: batch.body) }
            // Meanwhile, the batch after it (recorded in flight after it, so a failure anywhere keeps both).
            let prepared = overlap ? Result { () throws(SyncClientError) in try local { try replica.pushBatch(following: batch, maxChanges: pushBatchSize) } } : nil
            let response = try call.value()
            guard response.batchID == batch.request.batchID, response.seq == batch.request.seq else {
                throw SyncClientError(kind: .badResponse, message: "服务器的答复与所发批次不符；未做任何更改，请重新同步")
            }
            try local { try replica.completePush(batch, response: response) }
            report.pushedBatches += 1
            report.pushedChanges += batch.request.changes.count
            report.rejected += response.rejected.count
            progress(.pushed(changes: report.pushedChanges, batches: report.pushedBatches))
            next = try prepared?.get()
            if next == nil { next = try local { try replica.nextPushBatch(maxChanges: pushBatchSize) } }
        }
    }

    /// Pulls until the server says nothing more remains.
    public func pull(_ report: inout SyncReport, _ progress: (SyncProgress) -> Void = { _ in }) throws(SyncClientError) {
        let transport = self.transport, limit = pullLimit
        let cursor = try local { try replica.pullCursor() }
        var call = BackgroundCall(inline: !overlap) { () throws(SyncClientError) -> PullResponse in try transport.pull(after: cursor, limit: limit) }
        while true {
            let response = try call.value()
            // Meanwhile, the next page (read-only on the server; dropped if this one cannot be applied).
            var prefetch: BackgroundCall<PullResponse>?
            if overlap && response.more {
                let after = response.cursor
                prefetch = BackgroundCall { () throws(SyncClientError) -> PullResponse in try transport.pull(after: after, limit: limit) }
            }
            let result: ApplyResult
            do {
                result = try local { try replica.applyPulled(response) }
            } catch {
                _ = try? prefetch?.value()
                throw error
            }
            report.pulledChanges += response.changes.lazy.filter { $0.site != replica.site }.count
            report.applied += result.applied
            progress(.pulled(changes: report.pulledChanges, cursor: response.cursor))
            if !response.more { return }
            if let prefetch {
                call = prefetch
            } else {
                let after = try local { try replica.pullCursor() }
                call = BackgroundCall(inline: true) { () throws(SyncClientError) -> PullResponse in try transport.pull(after: after, limit: limit) }
            }
        }
    }

    private func local<T>(_ body: () throws -> T) throws(SyncClientError) -> T {
        do { return try body() } catch let e as ReplicaError {
            throw SyncClientError(kind: .local, message: e.message, cause: e.cause)
        } catch let e as DatabaseError where e.isDiskFull {
            throw SyncClientError(kind: .local, message: "本机磁盘已满，本批数据没有写入（已有数据不受影响）；请腾出磁盘空间后重新同步", cause: "\(e)")
        } catch {
            throw SyncClientError(kind: .local, message: "本地副本出错，未做任何更改", cause: "\(error)")
        }
    }
}
