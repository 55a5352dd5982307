public import Domain
public import MergeStore
public import SyncModel

/// What the sync service and the command line need from a central store, whatever holds it: a SQLite
/// file (`SQLiteCentralStore`) or a PostgreSQL database (`PostgresCentralStore`).
///
/// Semantics every store keeps (the conformance suite runs against each): a push is idempotent by
/// (replica, sequence) with the stored answer returned again, a sequence gap is refused with 409, each
/// change is validated and scope-checked on its own, the merge gives the same winners and the same
/// conflict log as `MergeEngine`, pulls are by district scope with a cursor that never skips a change,
/// and tokens are kept only as their SHA-256.
///
/// Requirements run on the caller's actor (`nonisolated(nonsending)`), so a store that is not `Sendable`
/// (the SQLite one) stays confined to the actor that owns it.
public protocol CentralStore: AnyObject {
    /// The catalog the store's state tables follow.
    var catalog: Catalog { get }
    /// The catalog (schema) version of the store.
    var schemaVersion: Int { get }
    /// Where the store is, for messages (a file path or a URL without password).
    var location: String { get }

    /// Applies a pushed batch for the office the token belongs to.
    nonisolated(nonsending) func push(_ request: PushRequest, token: String) async throws(SyncFailure) -> PushResponse
    /// Applies several pushes in the order given, each answered as if pushed alone; a store may commit them
    /// together.
    nonisolated(nonsending) func pushGroup(_ pushes: [QueuedPush]) async -> [Result<PushResponse, SyncFailure>]
    /// Whether `pushGroup` commits a group at once, so the service should hand it the pushes that queue up
    /// (SQLite, one writer); false where pushes run side by side on pooled connections (PostgreSQL).
    var commitsGroups: Bool { get }
    /// Applies a batch carried in by hand, for the office that made it.
    nonisolated(nonsending) func importBatch(_ request: PushRequest) async throws(SyncFailure) -> PushResponse
    /// Changes in the token's read scope after `after`, oldest first, at most `limit`.
    nonisolated(nonsending) func pull(after: Int64, limit: Int, token: String) async throws(SyncFailure) -> PullResponse
    /// The same answer as `pull`, in wire form: the stored bytes of each change spliced, not re-encoded.
    nonisolated(nonsending) func pullEncoded(after: Int64, limit: Int, token: String) async throws(SyncFailure) -> EncodedPull
    /// Offices, their last sync and the conflict count.
    nonisolated(nonsending) func status() async throws(SyncFailure) -> ServerStatus
    /// Creates an access token for `office`; only its hash is stored.
    nonisolated(nonsending) func createToken(office: String, label: String?) async throws -> String
    /// Revokes every token of `office`; returns how many were active.
    nonisolated(nonsending) func revokeTokens(office: String) async throws -> Int
    /// The conflict log over every district, open conflicts first.
    nonisolated(nonsending) func conflicts() async throws -> [ConflictRecord]
    /// The merged current row `id` of `table` (every column, `id` and `_rid` excluded), nil when absent.
    nonisolated(nonsending) func currentRow(table: String, id: String) async throws -> [String: CellValue]?
    /// The registry of offices the store scopes by.
    var units: [OrgUnitSeed] { get }
    /// Per-office figures for the status page and `/metrics`, read at scrape time.
    nonisolated(nonsending) func figures() async throws -> StoreFigures
    /// The office an active token belongs to, nil when unknown or revoked (for log lines).
    nonisolated(nonsending) func office(forToken token: String) async -> String?
    /// Releases connections (a no-op for SQLite).
    nonisolated(nonsending) func close() async
}

/// A push waiting for the store, with the token it came with.
public struct QueuedPush: Sendable {
    public var request: PushRequest
    public var token: String

    public init(request: PushRequest, token: String) {
        self.request = request
        self.token = token
    }
}

extension CentralStore {
    /// Encodes `pull`'s answer (for a store that keeps no wire bytes).
    public nonisolated(nonsending) func pullEncoded(after: Int64, limit: Int, token: String) async throws(SyncFailure) -> EncodedPull {
        EncodedPull(try await pull(after: after, limit: limit, token: token))
    }
}

/// Access tokens: how they are made and the only form in which stores keep them.
public enum AccessToken {
    /// A new random token (`dst_` and four base-36 numbers).
    public static func generate() -> String {
        var g = SystemRandomNumberGenerator()
        return "dst_" + (0..<4).map { _ in String(g.next() as UInt64, radix: 36) }.joined()
    }

    /// The lowercase hex SHA-256 of `token`: what the `tokens` table holds.
    public static func hash(_ token: String) -> String { SQLiteCentralStore.hash(token) }
}
