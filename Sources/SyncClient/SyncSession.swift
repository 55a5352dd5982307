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
    /// How many push batches may be on the wire at once with `overlap`.
    public var pushWindow = 3
    /// How many once the push is long (`longPushBatches` batches answered): the server commits the batches
    /// that queue up behind a transaction together, and a wider window gives it more to commit at once.
    /// 16 rather than 8: transactions of about five batches rather than three at 1M changes, +5–11% (three
    /// alternated pairs of `dsync-bench sync` at 1M); 24 added nothing.
    public var longPushWindow = 16
    /// After how many answered batches a push counts as long. Short pushes keep the narrow window: with few
    /// batches, answers that come back in groups leave the client and the server waiting on each other.
    /// 6 rather than 20: a push of 100k changes (20 batches) then gets the wide window too, 57–59k vs
    /// 50–55k changes/s in four alternated rounds (`dsync-bench sync` at 100k); 50k changes unchanged.
    public var longPushBatches = 6

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

    /// Pushes every pending change. With `overlap`, up to `pushWindow` batches are on the wire at once (up to
    /// `longPushWindow` in a long push):
    /// while the server applies one, the next are already sent (the server applies a replica's batches in
    /// sequence order, letting one that overtakes its predecessor wait for it), and the answer to the first
    /// is recorded while the next is applied. Every batch is recorded in flight before it is sent, so a failure
    /// anywhere keeps them all for the next sync.
    public func push(_ report: inout SyncReport, _ progress: (SyncProgress) -> Void = { _ in }) throws(SyncClientError) {
        // Each new batch is gzip'd at the level the link measured so far calls for (LinkCompression).
        var level: Int32 { LinkCompression.level(forBytesPerSecond: transport.uploadBytesPerSecond) }
        guard let first = try local({ try replica.nextPushBatch(maxChanges: pushBatchSize, compressionLevel: level) }) else { return }
        var window = [(batch: first, call: send(first))]
        while let (batch, call) = window.first {
            let width = report.pushedBatches >= longPushBatches ? max(pushWindow, longPushWindow) : pushWindow
            while overlap, window.count < width, let last = window.last?.batch,
                  let following = try local({ try replica.pushBatch(following: last, maxChanges: pushBatchSize, compressionLevel: level) }) {
                window.append((following, send(following)))
            }
            // On failure, the batch queued behind is let finish (it stays in flight) before the error is thrown.
            let abandon = { for queued in window.dropFirst() { _ = try? queued.call.value() } }
            let response: PushResponse
            do {
                response = try call.value()
            } catch {
                guard case .refused(409, SyncProtocol.sequenceGapCode) = error.kind, report.pushedBatches > 0 else {
                    abandon()
                    throw error
                }
                // It overtook the batch before it (on a server instance that had not applied that one yet),
                // which has been answered since: send it again.
                do { response = try send(batch, inline: true).value() } catch {
                    abandon()
                    throw error
                }
            }
            guard response.batchID == batch.batchID, response.seq == batch.seq else {
                abandon()
                throw SyncClientError(kind: .badResponse, message: "服务器的答复与所发批次不符；未做任何更改，请重新同步")
            }
            try local { try replica.completePush(batch, response: response) }
            report.pushedBatches += 1
            report.pushedChanges += batch.changeCount
            report.rejected += response.rejected.count
            progress(.pushed(changes: report.pushedChanges, batches: report.pushedBatches))
            window.removeFirst()
            if window.isEmpty, let next = try local({ try replica.nextPushBatch(maxChanges: pushBatchSize, compressionLevel: level) }) {
                window.append((next, send(next)))
            }
        }
    }

    /// Sends `batch` on its own thread (inline without `overlap`).
    private func send(_ batch: OutgoingBatch, inline: Bool? = nil) -> BackgroundCall<PushResponse> {
        let transport = self.transport
        return BackgroundCall(inline: inline ?? !overlap) { () throws(SyncClientError) -> PushResponse in
            try transport.push(batch)
        }
    }

    /// Pulls until the server says nothing more remains. A first pull (a clone) fills empty tables with
    /// their plain indexes left out and builds those once at the end — after a failure too, or else at the
    /// replica's next opening.
    public func pull(_ report: inout SyncReport, _ progress: (SyncProgress) -> Void = { _ in }) throws(SyncClientError) {
        let cloning = try local { try replica.pullCursor() == 0 && replica.deferIndexesForClone() }
        do {
            try pullPages(&report, progress)
        } catch {
            if cloning { _ = try? local { try replica.rebuildCloneIndexes() } }
            throw error
        }
        if cloning { try local { try replica.rebuildCloneIndexes() } }
    }

    private func pullPages(_ report: inout SyncReport, _ progress: (SyncProgress) -> Void) throws(SyncClientError) {
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
