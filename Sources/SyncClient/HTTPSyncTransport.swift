internal import Foundation
internal import GzipCodec
public import Replica
internal import Synchronization
public import SyncModel

/// The production `SyncTransport`: gzip'd JSON over libcurl to `dsync serve`, with the protocol and
/// schema versions on every request, the office's bearer token, and retries with backoff and jitter on
/// dropped connections and 502/503/504.
public final class HTTPSyncTransport: SyncTransport {
    public let server: String
    let token: String
    let schemaVersion: Int
    let curl: CurlTransport
    public var retry = RetryPolicy()
    /// Told before each retry (for the progress line).
    public var onRetry: (RetryEvent) -> Void = { _ in }
    private let link = Mutex<Double?>(nil)
    private let downlink = Mutex<Double?>(nil)

    /// `server` is the base URL, e.g. `https://sync.erqi.gov.cn` or `http://127.0.0.1:8080`.
    public init(server: String, token: String, schemaVersion: Int, options: CurlTransport.Options = CurlTransport.Options()) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.token = token
        self.schemaVersion = schemaVersion
        self.curl = CurlTransport(options: options)
    }

    var headers: [(name: String, value: String)] {
        [("Authorization", "Bearer \(token)"), (SyncProtocol.versionHeader, String(SyncProtocol.version)),
         (SyncProtocol.schemaHeader, String(schemaVersion)), ("Accept", "application/json")]
    }

    public func push(_ request: PushRequest) throws(SyncClientError) -> PushResponse {
        guard request.changes.allSatisfy(\.hasFiniteValues) else {
            throw SyncClientError(kind: .local, message: "要上报的数据含有无效数值（NaN 或无穷大）")
        }
        return try push(gzippedBody: Gzip.compress(WireJSON.encode(request)))
    }

    /// Sends the body recorded in flight (the replica refused non-finite values when it wrote it).
    public func push(_ batch: OutgoingBatch) throws(SyncClientError) -> PushResponse {
        try push(gzippedBody: batch.gzippedBody)
    }

    private func push(gzippedBody body: [UInt8]) throws(SyncClientError) -> PushResponse {
        let http = HTTPRequest(method: "POST", url: server + "/v1/push",
                               headers: headers + [("Content-Type", "application/json"), ("Content-Encoding", "gzip")], body: body)
        let response = try send(http)
        if body.count >= LinkCompression.minimumMeasuredBytes, let timing = response.header("Server-Timing"),
           let seconds = LinkCompression.receiveSeconds(fromServerTiming: timing) {
            link.withLock { $0 = Double(body.count) / max(seconds, 0.000_1) }
        }
        return try decode(PushResponse.self, from: response)
    }

    /// The link's speed towards the server (bytes per second) as the server measured receiving the last
    /// large push body; nil until one was sent.
    public var uploadBytesPerSecond: Double? { link.withLock { $0 } }

    /// The link's speed from the server (bytes per second) as the last large pull answer arrived; nil
    /// until one came.
    public var downloadBytesPerSecond: Double? { downlink.withLock { $0 } }

    /// The headers of a pull: once the link is measured, they ask for the gzip level that suits it.
    var pullHeaders: [(name: String, value: String)] {
        guard let speed = downloadBytesPerSecond else { return headers }
        return headers + [(LinkCompression.levelHeader, String(LinkCompression.level(forBytesPerSecond: speed)))]
    }

    public func pull(after: Int64, limit: Int) throws(SyncClientError) -> PullResponse {
        let http = HTTPRequest(method: "GET", url: server + "/v1/pull?after=\(after)&limit=\(limit)", headers: pullHeaders)
        let response = try send(http)
        if response.wireBodyBytes >= LinkCompression.minimumMeasuredBytes, let speed = response.bodyBytesPerSecond {
            downlink.withLock { $0 = speed }
        }
        do { return try WireJSON.decodePullResponse(response.body) } catch {
            throw SyncClientError(kind: .badResponse, message: "无法读取服务器的答复，本地修改都已保留", cause: error.description)
        }
    }

    private func send(_ request: HTTPRequest) throws(SyncClientError) -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try retry.run(onRetry: onRetry) { () throws(TransportError) -> HTTPResponse in try curl.send(request) }
        } catch {
            throw SyncClientError(kind: .unreachable, message: error.message, cause: error.description)
        }
        guard response.isSuccess else {
            let body = try? JSONDecoder().decode(ErrorBody.self, from: Data(response.body))
            if response.status >= 500 {
                throw SyncClientError(kind: .serverError(status: response.status),
                                      message: body?.message ?? "服务器暂时出错（\(response.status)），本地修改都已保留，请稍后再同步")
            }
            throw SyncClientError.refused(response.status, body ?? ErrorBody(code: "http.\(response.status)", message: "服务器拒绝了请求（\(response.status)）"))
        }
        return response
    }

    private func decode<T: Decodable>(_ type: T.Type, from response: HTTPResponse) throws(SyncClientError) -> T {
        do { return try JSONDecoder().decode(T.self, from: Data(response.body)) } catch {
            throw SyncClientError(kind: .badResponse, message: "无法读取服务器的答复，本地修改都已保留", cause: "\(error)")
        }
    }
}
