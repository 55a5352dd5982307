public import Replica
public import SyncModel

/// How a replica talks to the server: HTTP in production (`HTTPSyncTransport`), direct calls in tests.
/// Blocking; call it from the sync loop's own thread, never from the cooperative pool.
public protocol SyncTransport {
    func push(_ request: PushRequest) throws(SyncClientError) -> PushResponse
    /// Sends a batch recorded in flight: its gzip'd wire form is at hand (`OutgoingBatch.gzippedBody`).
    func push(_ batch: OutgoingBatch) throws(SyncClientError) -> PushResponse
    func pull(after: Int64, limit: Int) throws(SyncClientError) -> PullResponse
    /// The link's measured speed towards the server in bytes per second, nil when unknown: picks the gzip
    /// level of the next push body (`LinkCompression`).
    var uploadBytesPerSecond: Double? { get }
}

extension SyncTransport {
    /// The batch's request, decoded from its body (for transports that do not send bytes).
    public func push(_ batch: OutgoingBatch) throws(SyncClientError) -> PushResponse { try push(batch.request) }

    /// Unknown (for transports that do not send bytes).
    public var uploadBytesPerSecond: Double? { nil }
}

/// Why a sync could not finish. Every local edit is kept whatever the error.
public struct SyncClientError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The server could not be reached (after retries).
        case unreachable
        /// The server refused the request (4xx) — the body says why.
        case refused(status: Int, code: String)
        /// The server failed (5xx after retries).
        case serverError(status: Int)
        /// The answer could not be read.
        case badResponse
        /// The replica could not record what happened.
        case local
    }

    public let kind: Kind
    /// Chinese, for the clerk.
    public let message: String
    public let cause: String?

    public init(kind: Kind, message: String, cause: String? = nil) {
        self.kind = kind
        self.message = message
        self.cause = cause
    }

    public var description: String { cause.map { "\(message)（\($0)）" } ?? message }

    /// A refusal carried in an `ErrorBody`.
    public static func refused(_ status: Int, _ body: ErrorBody) -> SyncClientError {
        SyncClientError(kind: .refused(status: status, code: body.code), message: body.message)
    }
}
