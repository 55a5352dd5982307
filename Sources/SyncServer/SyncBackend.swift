public import SyncModel

/// What the HTTP layer needs from the sync service: push, pull and status for an authenticated caller.
///
/// The HTTP layer (Hummingbird, `HTTP/`) does transport concerns only — version headers, bearer token
/// extraction, gzip, body bounds, JSON — and hands decoded requests here. Everything about meaning
/// (who may write what, idempotency, merge) lives behind this protocol.
public protocol SyncBackend: Sendable {
    /// Applies a pushed batch for the office the token belongs to.
    func push(_ request: PushRequest, token: String) async throws(SyncFailure) -> PushResponse
    /// Changes in the token's read scope after `after`, at most `limit`.
    func pull(after: Int64, limit: Int, token: String) async throws(SyncFailure) -> PullResponse
    /// The same answer in wire form, ready to send (a store splices its stored change bytes).
    func pullEncoded(after: Int64, limit: Int, token: String) async throws -> EncodedPull
    /// The server's state for operators (no personal data).
    func status() async throws(SyncFailure) -> ServerStatus
    /// Per-office figures for the status page and `/metrics` (counts only, no personal data).
    func operations() async throws(SyncFailure) -> OperationsSnapshot
    /// The office a token belongs to, for log lines; nil when the token is unknown or revoked.
    func office(forToken token: String) async -> String?
    /// The catalog (schema) version the server's store is at.
    var schemaVersion: Int { get }
    /// How many pushes this backend has applied since it started, or nil when it does not count them. The
    /// HTTP layer reads the next page of a long pull ahead (`PullReadAhead`) only for a backend that counts:
    /// a page that is not full is served only if no push was applied after it was read.
    var pushesApplied: Int? { get }
    /// The office of an active token, checked in the store now (not from a cache): a page read ahead is
    /// served only to a token that is still active.
    func activeOffice(forToken token: String) async -> String?
}


extension SyncBackend {
    /// Not counted by default: no pages are read ahead.
    public var pushesApplied: Int? { nil }

    /// `office(forToken:)` by default.
    public func activeOffice(forToken token: String) async -> String? { await office(forToken: token) }

    /// Encodes `pull`'s answer. Throws when a value cannot go into JSON (a non-finite real).
    public func pullEncoded(after: Int64, limit: Int, token: String) async throws -> EncodedPull {
        let answer = try await pull(after: after, limit: limit, token: token)
        guard answer.changes.allSatisfy(\.hasFiniteValues) else {
            throw EncodingError.invalidValue(answer, .init(codingPath: [], debugDescription: "non-finite real"))
        }
        return EncodedPull(answer)
    }
}
