public import CentralStore
internal import Synchronization
public import SyncModel

/// The sync service: the `SyncBackend` the HTTP layer calls, over a central store (a SQLite file or
/// PostgreSQL).
///
/// An actor, so requests to a SQLite store run one at a time (SQLite has one writer anyway; requests are
/// short transactions). The PostgreSQL store takes a pooled connection per request, so several requests —
/// and several `dsync serve` instances — proceed in parallel; the database keeps them consistent.
///
/// A client may send a replica's next batches before the answer to the previous one (`SyncSession` keeps
/// several on the wire). A batch that overtakes the one before it is not refused as a sequence gap at once:
/// it waits up to `gapWait` for that batch to be applied or queued, then is applied itself. On a SQLite store, the
/// pushes that arrive while a transaction runs are committed together in the next one (`SyncService+Push`).
public actor SyncService: SyncBackend {
    let store: any CentralStore
    public nonisolated let schemaVersion: Int
    /// How long a batch that arrived ahead of its predecessor waits for it before it is refused as a gap.
    public nonisolated let gapWait: Duration
    /// The batches applied or queued per replica and the pushes waiting for their predecessor. Locked inside
    /// `intake`'s lock when a push is queued, never the other way round.
    nonisolated let sequencer = Mutex(PushSequencer())
    /// Pushes waiting for the store, and whether `drainQueue` is running to apply them.
    nonisolated let intake = Mutex(PushIntake())
    /// Whether the store commits groups of pushes (`CentralStore.commitsGroups`).
    nonisolated let groupsPushes: Bool
    /// The most changes one group of pushes may hold (it always takes at least one push): eight full batches.
    public nonisolated let maxGroupChanges: Int
    nonisolated let groupsApplied = Atomic<Int>(0)
    /// Pushes applied (or answered again) since the service started: `pushesApplied`.
    nonisolated let pushCount = Atomic<Int>(0)
    /// Where the drain task runs the store's group transactions (`StoreThread`).
    nonisolated let storeThread = StoreThread()
    /// A push of at least this many changes that finds the store idle starts the drain on `storeThread`: a
    /// bulk push's transactions would otherwise hold one of the pool's threads for most of a second each.
    /// Smaller pushes (offices' everyday syncs) drain in place, sparing the thread switches.
    nonisolated let bulkBatchChanges = 2_000
    /// Offices of the tokens seen, for log lines (`office(forToken:)`).
    nonisolated let tokenOffices = TokenOffices()
    /// The store's catalog indexed for checking pushed changes outside the store's transaction.
    nonisolated let rules: ValidationRules

    public init(store: sending any CentralStore, gapWait: Duration = .seconds(3), maxGroupChanges: Int = 8 * SyncProtocol.maxPushChanges) {
        self.schemaVersion = store.schemaVersion
        self.maxGroupChanges = maxGroupChanges
        self.groupsPushes = store.commitsGroups
        self.rules = ValidationRules(catalog: store.catalog)
        self.store = store
        self.gapWait = gapWait
    }

    /// Opens (or creates) the SQLite store at `path` and serves it.
    public init(storePath: String) throws {
        let store = try SQLiteCentralStore(path: storePath)
        self.init(store: store)
    }

    public func pull(after: Int64, limit: Int, token: String) async throws(SyncFailure) -> PullResponse {
        try await forgettingRefused(token) { () async throws(SyncFailure) in try await store.pull(after: after, limit: limit, token: token) }
    }

    public func pullEncoded(after: Int64, limit: Int, token: String) async throws -> EncodedPull {
        try await forgettingRefused(token) { () async throws(SyncFailure) in try await store.pullEncoded(after: after, limit: limit, token: token) }
    }

    /// Runs `body`; a token it was refused for (unknown, revoked) no longer names an office in log lines.
    nonisolated(nonsending) func forgettingRefused<T>(_ token: String, _ body: () async throws(SyncFailure) -> T) async throws(SyncFailure) -> T {
        do {
            return try await body()
        } catch {
            if error.status == 401 { tokenOffices.forget(token) }
            throw error
        }
    }

    public nonisolated var pushesApplied: Int? { pushCount.load(ordering: .acquiring) }

    public func activeOffice(forToken token: String) async -> String? {
        await store.office(forToken: token)
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
