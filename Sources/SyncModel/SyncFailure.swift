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
