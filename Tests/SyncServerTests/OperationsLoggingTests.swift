import Logging
import SyncModel
import SyncServer
import Testing

/// A backend that knows which office a token belongs to, over the recording double.
private struct OfficeKnowingBackend: SyncBackend {
    let inner = RecordingBackend()
    var schemaVersion: Int { inner.schemaVersion }
    func push(_ request: PushRequest, token: String) async throws(SyncFailure) -> PushResponse { try await inner.push(request, token: token) }
    func pull(after: Int64, limit: Int, token: String) async throws(SyncFailure) -> PullResponse {
        try await inner.pull(after: after, limit: limit, token: token)
    }
    func status() async throws(SyncFailure) -> ServerStatus { try await inner.status() }
    func office(forToken token: String) async -> String? { token == Fixtures.token ? "410103001" : nil }
}

@Suite("operations logging and pages")
struct OperationsLoggingTests {
    @Test("sync log lines carry the token's office (never the token); /metrics and /status answer loopback clients")
    func officeInLogs() async throws {
        let lines = CapturingLogHandler.Lines()
        let logger = Logger(label: "test") { _ in CapturingLogHandler(lines: lines) }
        let (metrics, page) = try await TestServer.with(OfficeKnowingBackend(), logger: logger) { client in
            _ = try await client.push(Fixtures.pushRequest())
            _ = try await client.send("GET", "/v1/pull?after=0")
            return (try await client.send("GET", "/metrics", sync: false), try await client.send("GET", "/status", sync: false))
        }
        let requests = lines.all.filter { $0.contains(" request ") }
        let push = try #require(requests.first { $0.contains("route=POST /v1/push") })
        #expect(push.contains("office=410103001"))
        let pull = try #require(requests.first { $0.contains("route=GET /v1/pull") })
        #expect(pull.contains("office=410103001"))
        #expect(!lines.all.contains { $0.contains(Fixtures.token) })
        #expect(metrics.status == 200)
        let text = String(decoding: metrics.body, as: UTF8.self)
        #expect(text.contains(#"dsync_http_requests_total{method="POST",route="/v1/push",status="200"} 1"#))
        #expect(text.contains(#"dsync_http_requests_total{method="GET",route="/v1/pull",status="200"} 1"#))
        #expect(page.status == 200)
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
    }
}
