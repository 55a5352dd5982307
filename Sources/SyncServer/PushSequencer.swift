internal import SyncModel

/// Which batches of each replica this service has applied or queued for the store, and the pushes waiting
/// for one: the bookkeeping behind `SyncService` letting a batch that overtook its predecessor wait for it.
/// Plain state, kept in a `Mutex` on the service (pushes reach it without the actor).
///
/// A waiting batch goes on once its predecessor is applied *or queued* for the store's next group: the
/// group puts a replica's batches in sequence order, so both are committed in the same transaction (or the
/// successor in the one after). Waiting for the predecessor to be applied instead chained a bulk push into
/// one transaction per batch once a single batch arrived early (each next batch arrived while its
/// predecessor waited, was tried alone, refused, and waited in turn).
struct PushSequencer {
    struct Waiter {
        let id: Int
        let seq: Int64
        let continuation: CheckedContinuation<Void, Never>
    }

    /// The highest sequence applied (or answered again) per replica since the service started.
    private var appliedUpTo: [SiteID: Int64] = [:]
    /// Batches queued for the store whose group has not answered yet (a batch sent again counts twice).
    private var inQueue: [Batch: Int] = [:]
    private var waiters: [SiteID: [Waiter]] = [:]
    private var lastID = 0

    var waiting: Int { waiters.values.reduce(0) { $0 + $1.count } }

    private struct Batch: Hashable {
        let site: SiteID
        let seq: Int64
    }

    /// Whether batch `seq` of `site` is applied, or queued for the store's next group.
    func isAppliedOrQueued(_ site: SiteID, seq: Int64) -> Bool {
        (appliedUpTo[site] ?? 0) >= seq || inQueue[Batch(site: site, seq: seq)] != nil
    }

    mutating func newWaiterID() -> Int {
        lastID += 1
        return lastID
    }

    /// Records that `seq` is applied; returns the continuations of the pushes that were waiting for it.
    mutating func applied(_ site: SiteID, seq: Int64) -> [CheckedContinuation<Void, Never>] {
        if seq > appliedUpTo[site] ?? 0 { appliedUpTo[site] = seq }
        return release(site) { $0 <= seq }
    }

    /// Records that `seq` is queued for the store; returns the continuations of the pushes waiting for it.
    mutating func queued(_ site: SiteID, seq: Int64) -> [CheckedContinuation<Void, Never>] {
        inQueue[Batch(site: site, seq: seq), default: 0] += 1
        return release(site) { $0 == seq }
    }

    /// Records that the group holding queued batch `seq` has answered (applied or not).
    mutating func unqueued(_ site: SiteID, seq: Int64) {
        let key = Batch(site: site, seq: seq)
        guard let n = inQueue[key] else { return }
        inQueue[key] = n > 1 ? n - 1 : nil
    }

    private mutating func release(_ site: SiteID, where ready: (Int64) -> Bool) -> [CheckedContinuation<Void, Never>] {
        guard var list = waiters[site] else { return [] }
        let split = list.partition { ready($0.seq) }
        defer { waiters[site] = split == 0 ? nil : Array(list[..<split]) }
        return list[split...].map(\.continuation)
    }

    mutating func wait(_ site: SiteID, for seq: Int64, id: Int, _ continuation: CheckedContinuation<Void, Never>) {
        waiters[site, default: []].append(Waiter(id: id, seq: seq, continuation: continuation))
    }

    /// Takes waiter `id` out (its time is up); nil when it was already resumed.
    mutating func remove(_ site: SiteID, id: Int) -> CheckedContinuation<Void, Never>? {
        guard let list = waiters[site], let n = list.firstIndex(where: { $0.id == id }) else { return nil }
        let w = list[n]
        var rest = list
        rest.remove(at: n)
        waiters[site] = rest.isEmpty ? nil : rest
        return w.continuation
    }
}
