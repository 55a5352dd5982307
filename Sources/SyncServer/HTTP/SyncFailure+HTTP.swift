import SyncModel

/// The refusals the HTTP layer makes itself, before a request reaches the backend. Codes are stable;
/// messages are for the clerk (Chinese) and say what to do. None of them echoes request content.
extension SyncFailure {
    /// What the clerk is told whenever the fix is on their side: nothing local is lost.
    static let localEditsKept = "本机尚未同步的修改都已保留，不会丢失。"

    static func protocolUnsupported(client: Int?) -> SyncFailure {
        let theirs = client.map { "第 \($0) 版" } ?? "未知"
        return SyncFailure(
            status: 426, code: "protocol.unsupported",
            message: "本机 dsync 的同步协议（\(theirs)）与服务器（第 \(SyncProtocol.version) 版）不兼容。请升级 dsync 后重新同步；\(localEditsKept)"
        )
    }

    static func schemaMismatch(client: Int, server: Int) -> SyncFailure {
        let message =
            client < server
            ? "本机的数据结构版本（第 \(client) 版）比服务器（第 \(server) 版）旧。请升级 dsync 后重新同步；\(localEditsKept)"
            : "本机的数据结构版本（第 \(client) 版）比服务器（第 \(server) 版）新：服务器需要升级。请联系区里的系统管理员升级服务器后再同步；\(localEditsKept)"
        return SyncFailure(status: 426, code: "schema.mismatch", message: message)
    }

    static let schemaMissing = SyncFailure(
        status: 400, code: "schema.missing",
        message: "请求缺少有效的 \(SyncProtocol.schemaHeader) 头（本机数据结构版本）。请使用 dsync 同步；\(localEditsKept)"
    )

    static let missingToken = SyncFailure(
        status: 401, code: "auth.missing_token",
        message: "请求缺少访问令牌（Authorization: Bearer …）。请向区里的系统管理员申请令牌（dsync token create），并用 dsync init --token 配置到本机。"
    )

    static let bodyTooLarge = SyncFailure(
        status: 413, code: "body.too_large",
        message:
            "一次上传的数据过大（上限：压缩后 \(SyncProtocol.maxCompressedBody >> 20) MiB，解压后 \(SyncProtocol.maxInflatedBody >> 20) MiB）。请分批同步；\(localEditsKept)"
    )

    static let badGzip = SyncFailure(
        status: 400, code: "body.bad_gzip",
        message: "上传的数据不是有效的 gzip 压缩内容（可能在传输中损坏）。请重新同步；\(localEditsKept)"
    )

    static let unsupportedEncoding = SyncFailure(
        status: 415, code: "body.unsupported_encoding",
        message: "上传的数据使用了服务器不支持的压缩方式（只支持 gzip 或不压缩）。请升级 dsync 后重新同步；\(localEditsKept)"
    )

    static func malformedJSON(at location: String) -> SyncFailure {
        SyncFailure(
            status: 400, code: "body.malformed_json",
            message: "上传的数据不是有效的同步内容（\(location)）。请升级 dsync 后重新同步；\(localEditsKept)"
        )
    }

    static func batchTooLarge(count: Int) -> SyncFailure {
        SyncFailure(
            status: 413, code: "batch.too_large",
            message: "一次推送的修改过多（\(count) 条，上限 \(SyncProtocol.maxPushChanges) 条）。请分批推送；\(localEditsKept)"
        )
    }

    static let badCursor = SyncFailure(
        status: 400, code: "query.bad_cursor", message: "参数 after（同步位置）必须是不小于 0 的整数。"
    )

    static let badLimit = SyncFailure(
        status: 400, code: "query.bad_limit", message: "参数 limit 必须是 1 到 \(SyncProtocol.maxPullLimit) 之间的整数。"
    )

    static let notFound = SyncFailure(
        status: 404, code: "route.not_found", message: "服务器上没有这个接口。请检查 dsync 配置的服务器地址是否正确。"
    )

    static let methodNotAllowed = SyncFailure(
        status: 405, code: "route.method_not_allowed", message: "这个接口不支持该请求方法。"
    )

    static let internalError = SyncFailure(
        status: 500, code: "server.internal",
        message: "服务器内部错误。请稍后重试；如果问题持续，请联系区里的系统管理员。\(localEditsKept)"
    )
}
