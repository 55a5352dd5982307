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
    /// A pull cursor beyond the end of the store's feed: the store was restored from an older backup (or
    /// replaced). Refused loudly, because pulling on would silently skip the changes that get those positions.
    public static func cursorAhead(_ after: Int64, _ top: Int64) -> SyncFailure {
        conflict("pull.cursor_ahead", "本副本已同步到第 \(after) 条，但服务器只有 \(top) 条：中心库可能已从较早的备份恢复。继续同步会漏掉新数据，已停止；本地修改都已保留，请联系系统管理员（见 docs/OPERATIONS.md）")
    }

    public static func conflict(_ code: String, _ message: String) -> SyncFailure {
        SyncFailure(status: 409, code: code, message: message)
    }
}
