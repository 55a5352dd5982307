public import CentralStore
public import SyncModel

/// The sync service: the `SyncBackend` the HTTP layer calls, over the SQLite central store.
///
/// An actor, so one request at a time touches the store (SQLite has one writer anyway); requests are
/// short transactions, so this is not a bottleneck at district scale (see the load benchmark).
public actor SyncService: SyncBackend {
    let store: SQLiteCentralStore
    public nonisolated let schemaVersion: Int

    public init(store: sending SQLiteCentralStore) {
        self.schemaVersion = store.schemaVersion
        self.store = store
    }

    /// Opens (or creates) the store at `path` and serves it.
    public init(storePath: String) throws {
        let store = try SQLiteCentralStore(path: storePath)
        self.init(store: store)
    }

    public func push(_ request: PushRequest, token: String) async throws(SyncFailure) -> PushResponse {
        try store.push(request, token: token)
    }

    public func pull(after: Int64, limit: Int, token: String) async throws(SyncFailure) -> PullResponse {
        try store.pull(after: after, limit: limit, token: token)
    }

    public func status() async throws(SyncFailure) -> ServerStatus {
        try store.status()
    }

    /// Runs `body` with exclusive access to the store (tokens, sneakernet imports, tests).
    public func withStore<T: Sendable>(_ body: (SQLiteCentralStore) throws -> T) throws -> T {
        try body(store)
    }
}
