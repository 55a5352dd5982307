internal import SyncModel

/// Which batches of each replica this service has applied, and the pushes waiting for one: the
/// bookkeeping behind `SyncService` letting a batch that overtook its predecessor wait for it.
/// Plain state, kept in a `Mutex` on the service (pushes reach it without the actor).
struct PushSequencer {
    struct Waiter {
        let id: Int
        let seq: Int64
        let continuation: CheckedContinuation<Void, Never>
    }

    /// The highest sequence applied (or answered again) per replica since the service started.
    private var appliedUpTo: [SiteID: Int64] = [:]
    private var waiters: [SiteID: [Waiter]] = [:]
    private var lastID = 0

    var waiting: Int { waiters.values.reduce(0) { $0 + $1.count } }

    func hasApplied(_ site: SiteID, seq: Int64) -> Bool { (appliedUpTo[site] ?? 0) >= seq }

    mutating func newWaiterID() -> Int {
        lastID += 1
        return lastID
    }

    /// Records that `seq` is applied; returns the continuations of the pushes that were waiting for it.
    mutating func applied(_ site: SiteID, seq: Int64) -> [CheckedContinuation<Void, Never>] {
        if seq > appliedUpTo[site] ?? 0 { appliedUpTo[site] = seq }
        guard let list = waiters[site] else { return [] }
        let ready = list.filter { $0.seq <= seq }
        let rest = list.filter { $0.seq > seq }
        waiters[site] = rest.isEmpty ? nil : rest
        return ready.map(\.continuation)
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
