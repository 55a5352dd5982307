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
    /// The server's state for operators (no personal data).
    func status() async throws(SyncFailure) -> ServerStatus
    /// The catalog (schema) version the server's store is at.
    var schemaVersion: Int { get }
}

/// A refused request: the HTTP status and the body the client reads.
public struct SyncFailure: Error, Sendable, Hashable {
    public let status: Int
    public let body: ErrorBody

    public init(status: Int, code: String, message: String) {
        self.status = status
        self.body = ErrorBody(code: code, message: message)
    }

    public static func unauthorized(_ message: String = "缺少或无效的访问令牌；请向区里的系统管理员申请（dsync token create）") -> SyncFailure {
        SyncFailure(status: 401, code: "auth.invalid_token", message: message)
    }
    public static func badRequest(_ code: String, _ message: String) -> SyncFailure {
        SyncFailure(status: 400, code: code, message: message)
    }
    public static func conflict(_ code: String, _ message: String) -> SyncFailure {
        SyncFailure(status: 409, code: code, message: message)
    }
}

/// `GET /v1/status`.
public struct ServerStatus: Sendable, Hashable, Codable {
    public struct Office: Sendable, Hashable, Codable {
        public var office: String
        public var name: String
        /// Unix milliseconds of the last push or pull, nil if never.
        public var lastSync: Int64?
        public var replicas: Int

        public init(office: String, name: String, lastSync: Int64?, replicas: Int) {
            self.office = office
            self.name = name
            self.lastSync = lastSync
            self.replicas = replicas
        }

        enum CodingKeys: String, CodingKey { case office, name, lastSync = "last_sync", replicas }
    }

    public var protocolVersion: Int
    public var schemaVersion: Int
    /// Position of the last change in the server log.
    public var logPosition: Int64
    public var conflicts: Int
    public var offices: [Office]

    public init(protocolVersion: Int, schemaVersion: Int, logPosition: Int64, conflicts: Int, offices: [Office]) {
        self.protocolVersion = protocolVersion
        self.schemaVersion = schemaVersion
        self.logPosition = logPosition
        self.conflicts = conflicts
        self.offices = offices
    }

    enum CodingKeys: String, CodingKey {
        case protocolVersion = "protocol_version", schemaVersion = "schema_version", logPosition = "log_position", conflicts, offices
    }
}
