public import CentralStore
public import SyncModel

/// The sync service: the `SyncBackend` the HTTP layer calls, over a central store (a SQLite file or
/// PostgreSQL).
///
/// An actor, so requests to a SQLite store run one at a time (SQLite has one writer anyway; requests are
/// short transactions). The PostgreSQL store takes a pooled connection per request, so several requests —
/// and several `dsync serve` instances — proceed in parallel; the database keeps them consistent.
///
/// A client may send a replica's next batches before the answer to the previous one (`SyncSession` keeps three
/// on the wire). A batch that overtakes the one before it is not refused as a sequence gap at once: it
/// waits up to `gapWait` for that batch to be applied, then is applied itself.
public actor SyncService: SyncBackend {
    let store: any CentralStore
    public nonisolated let schemaVersion: Int
    /// How long a batch that arrived ahead of its predecessor waits for it before it is refused as a gap.
    public nonisolated let gapWait: Duration
    var sequencer = PushSequencer()
    /// Offices of the tokens seen, for log lines (`office(forToken:)`).
    nonisolated let tokenOffices = TokenOffices()
    /// The store's catalog indexed for checking pushed changes outside the store's transaction.
    nonisolated let rules: ValidationRules

    public init(store: sending any CentralStore, gapWait: Duration = .seconds(3)) {
        self.schemaVersion = store.schemaVersion
        self.rules = ValidationRules(catalog: store.catalog)
        self.store = store
        self.gapWait = gapWait
    }

    /// Opens (or creates) the SQLite store at `path` and serves it.
    public init(storePath: String) throws {
        let store = try SQLiteCentralStore(path: storePath)
        self.init(store: store)
    }

    /// Checks the batch's changes as far as that needs neither the store nor the office — here, beside the
    /// merge of the batch ahead, not in the store's transaction — then applies it in sequence order.
    public nonisolated func push(_ request: PushRequest, token: String) async throws(SyncFailure) -> PushResponse {
        var request = request
        ChangeValidator.precheck(&request, rules: rules, now: WallClock.nowMillis())
        return try await pushInOrder(request, token: token)
    }

    private func pushInOrder(_ request: PushRequest, token: String) async throws(SyncFailure) -> PushResponse {
        let response = try await forgettingRefused(token) { () async throws(SyncFailure) -> PushResponse in
            do throws(SyncFailure) {
                return try await store.push(request, token: token)
            } catch where error.body.code == SyncProtocol.sequenceGapCode && request.seq > 1 {
                await waitForPredecessor(of: request)
                return try await store.push(request, token: token)
            }
        }
        for c in sequencer.applied(request.replica, seq: request.seq) { c.resume() }
        return response
    }

    /// How many pushes are waiting for the batch before them.
    public var waitingPushes: Int { sequencer.waiting }

    /// Returns once this service has applied the batch before `request` (or after `gapWait`).
    private func waitForPredecessor(of request: PushRequest) async {
        let site = request.replica, needed = request.seq - 1
        guard !sequencer.hasApplied(site, seq: needed) else { return }
        let id = sequencer.newWaiterID()
        let wait = gapWait
        Task { [weak self] in
            try? await Task.sleep(for: wait)
            await self?.expire(site, id)
        }
        await withCheckedContinuation { sequencer.wait(site, for: needed, id: id, $0) }
    }

    private func expire(_ site: SiteID, _ id: Int) {
        sequencer.remove(site, id: id)?.resume()
    }

    public func pull(after: Int64, limit: Int, token: String) async throws(SyncFailure) -> PullResponse {
        try await forgettingRefused(token) { () async throws(SyncFailure) in try await store.pull(after: after, limit: limit, token: token) }
    }

    public func pullEncoded(after: Int64, limit: Int, token: String) async throws -> EncodedPull {
        try await forgettingRefused(token) { () async throws(SyncFailure) in try await store.pullEncoded(after: after, limit: limit, token: token) }
    }

    /// Runs `body`; a token it was refused for (unknown, revoked) no longer names an office in log lines.
    private func forgettingRefused<T>(_ token: String, _ body: () async throws(SyncFailure) -> T) async throws(SyncFailure) -> T {
        do {
            return try await body()
        } catch {
            if error.status == 401 { tokenOffices.forget(token) }
            throw error
        }
    }

    public func status() async throws(SyncFailure) -> ServerStatus {
        try await store.status()
    }

    /// Creates an access token through the served store (tests, tools).
    public func createToken(office: String, label: String? = nil) async throws -> String {
        try await store.createToken(office: office, label: label)
    }

    /// Releases the store's connections; call once the server has stopped.
    public func close() async {
        await store.close()
    }
}
