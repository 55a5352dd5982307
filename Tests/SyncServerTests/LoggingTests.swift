import Logging
import SyncModel
import SyncServer
import Testing

@Suite("request logging")
struct LoggingTests {
    @Test("one structured line per request with route, status, code and duration; never the token or body")
    func structuredAndPrivate() async throws {
        let lines = CapturingLogHandler.Lines()
        let logger = Logger(label: "test") { _ in CapturingLogHandler(lines: lines) }
        _ = try await TestServer.with(RecordingBackend(), logger: logger) { client in
            _ = try await client.push(Fixtures.pushRequest())
            _ = try await client.send("GET", "/v1/pull?after=-1")
        }
        let requests = lines.all.filter { $0.contains(" request ") }
        #expect(requests.count == 2)
        let push = try #require(requests.first { $0.contains("route=POST /v1/push") })
        #expect(push.contains("status=200"))
        #expect(push.contains("replica=\(Fixtures.site.hex)"))
        #expect(push.contains("duration_ms="))
        let pull = try #require(requests.first { $0.contains("route=GET /v1/pull") })
        #expect(pull.contains("status=400") && pull.contains("code=query.bad_cursor"))
        for line in lines.all {
            #expect(!line.contains(Fixtures.token))
            #expect(!line.contains("Bearer"))
            #expect(!line.contains("二七区全民健身运动中心"))
        }
    }
}
