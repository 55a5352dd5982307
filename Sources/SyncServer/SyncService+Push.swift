internal import CentralStore
internal import Synchronization
public import SyncModel

/// Pushes waiting for a store that commits groups, and whether `SyncService.drainQueue` is applying them.
struct PushIntake: Sendable {
    /// A push waiting for its group, and where its answer goes.
    struct Pending: Sendable {
        let push: QueuedPush
        let continuation: CheckedContinuation<Result<PushResponse, SyncFailure>, Never>
    }

    var queue: [Pending] = []
    var draining = false
}

extension SyncService {
    /// Checks the batch's changes as far as that needs neither the store nor the office — here, beside the
    /// merge of the batches ahead, not in the store's transaction — then applies it in sequence order.
    /// Nothing on this path waits for the actor unless the store is one it must run on (PostgreSQL's
    /// pushes run there, suspending on the network) or the batch overtook its predecessor.
    public nonisolated func push(_ request: PushRequest, token: String) async throws(SyncFailure) -> PushResponse {
        var request = request
        ChangeValidator.precheck(&request, rules: rules, now: WallClock.nowMillis())
        let response = try await forgettingRefused(token) { () async throws(SyncFailure) -> PushResponse in
            // Refused as a gap: wait for the batch before to be applied or queued, then try again — more than
            // once if that batch was queued but refused itself (it may wait for its own predecessor).
            let deadline = ContinuousClock.now + gapWait
            while true {
                do throws(SyncFailure) {
                    return try await apply(request, token: token)
                } catch where error.body.code == SyncProtocol.sequenceGapCode && request.seq > 1 && ContinuousClock.now < deadline {
                    await waitForPredecessor(of: request, until: deadline)
                }
            }
        }
        pushCount.add(1, ordering: .releasing)
        for c in sequencer.withLock({ $0.applied(request.replica, seq: request.seq) }) { c.resume() }
        return response
    }

    /// How many groups of pushes have been handed to the store (each one transaction on SQLite), counting
    /// the one it is applying now.
    public nonisolated var pushGroupsApplied: Int { groupsApplied.load(ordering: .relaxed) }

    /// How many pushes are queued for the store's next group.
    public nonisolated var queuedPushes: Int { intake.withLock { $0.queue.count } }

    /// How many pushes are waiting for the batch before them.
    public nonisolated var waitingPushes: Int { sequencer.withLock { $0.waiting } }

    /// Applies the push: in the store's next group when it commits groups, else on its own.
    private nonisolated func apply(_ request: PushRequest, token: String) async throws(SyncFailure) -> PushResponse {
        guard groupsPushes else { return try await pushAlone(request, token: token) }
        return try await applyQueued(request, token: token).get()
    }

    private func pushAlone(_ request: PushRequest, token: String) async throws(SyncFailure) -> PushResponse {
        try await store.push(request, token: token)
    }

    /// Queues the push for the store. Pushes that arrive while the store is busy wait in `intake`, filled
    /// without the actor, and are applied together once it is free.
    private nonisolated func applyQueued(_ request: PushRequest, token: String) async -> Result<PushResponse, SyncFailure> {
        await withCheckedContinuation { continuation in
            let (start, released) = intake.withLock { intake in
                intake.queue.append(PushIntake.Pending(push: QueuedPush(request: request, token: token), continuation: continuation))
                // Counted as queued before a drain can take it (and count it out when its group answers).
                let released = sequencer.withLock { $0.queued(request.replica, seq: request.seq) }
                defer { intake.draining = true }
                return (!intake.draining, released)
            }
            for waiter in released { waiter.resume() }
            guard start else { return }
            // A bulk batch starts a drain on the store's own thread; everyday pushes drain in place.
            if request.changes.count >= bulkBatchChanges {
                Task(executorPreference: storeThread) { await self.drainQueue() }
            } else {
                Task { await self.drainQueue() }
            }
        }
    }

    /// Applies the queued pushes a group at a time until none is left: each group is what arrived while the
    /// group before it was committed (at most `maxGroupChanges`). Between groups, pulls and other requests
    /// waiting for the actor get their turn.
    private func drainQueue() async {
        while let group = nextGroup() {
            groupsApplied.add(1, ordering: .relaxed)
            let results = await store.pushGroup(group.map(\.push))
            sequencer.withLock { s in for pending in group { s.unqueued(pending.push.request.replica, seq: pending.push.request.seq) } }
            for (pending, result) in zip(group, results) { pending.continuation.resume(returning: result) }
            await Task.yield()
        }
    }

    /// Takes the next group off the queue; nil (and no longer draining) when the queue is empty.
    private nonisolated func nextGroup() -> [PushIntake.Pending]? {
        intake.withLock { intake in
            guard !intake.queue.isEmpty else {
                intake.draining = false
                return nil
            }
            return PushGroups.take(from: &intake.queue, maxChanges: maxGroupChanges) { $0.push.request }
        }
    }

    /// Returns once this service has applied or queued the batch before `request` (or at `deadline`).
    private nonisolated func waitForPredecessor(of request: PushRequest, until deadline: ContinuousClock.Instant) async {
        let site = request.replica, needed = request.seq - 1
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let id: Int? = self.sequencer.withLock { s in
                guard !s.isAppliedOrQueued(site, seq: needed) else { return nil }
                let id = s.newWaiterID()
                s.wait(site, for: needed, id: id, continuation)
                return id
            }
            guard let id else { return continuation.resume() }
            Task { [self] in
                try? await Task.sleep(until: deadline)
                self.sequencer.withLock { $0.remove(site, id: id) }?.resume()
            }
        }
    }
}
