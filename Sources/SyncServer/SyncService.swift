public import CentralStore
public import SyncModel

/// The sync service: the `SyncBackend` the HTTP layer calls, over a central store (a SQLite file or
/// PostgreSQL).
///
/// An actor, so requests to a SQLite store run one at a time (SQLite has one writer anyway; requests are
/// short transactions). The PostgreSQL store takes a pooled connection per request, so several requests —
/// and several `dsync serve` instances — proceed in parallel; the database keeps them consistent.
public actor SyncService: SyncBackend {
    let store: any CentralStore
    public nonisolated let schemaVersion: Int

    public init(store: sending any CentralStore) {
        self.schemaVersion = store.schemaVersion
        self.store = store
    }

    /// Opens (or creates) the SQLite store at `path` and serves it.
    public init(storePath: String) throws {
        let store = try SQLiteCentralStore(path: storePath)
        self.init(store: store)
    }

    public func push(_ request: PushRequest, token: String) async throws(SyncFailure) -> PushResponse {
        try await store.push(request, token: token)
    }

    public func pull(after: Int64, limit: Int, token: String) async throws(SyncFailure) -> PullResponse {
        try await store.pull(after: after, limit: limit, token: token)
    }

    public func pullEncoded(after: Int64, limit: Int, token: String) async throws -> EncodedPull {
        try await store.pullEncoded(after: after, limit: limit, token: token)
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
