import SyncModel
import SyncServer
import Testing

@Suite("health, status and unknown routes")
struct RouteTests {
    @Test("GET /v1/health is 200 {\"status\":\"ok\"} without any sync headers")
    func health() async throws {
        let reply = try await TestServer.with(RecordingBackend()) { client in
            try await client.send("GET", "/v1/health", sync: false)
        }
        #expect(reply.status == 200)
        #expect(try reply.decode([String: String].self) == ["status": "ok"])
        #expect(reply.header(SyncProtocol.versionHeader) == "1")
        #expect(reply.header("Content-Type") == "application/json; charset=utf-8")
    }

    @Test("GET /v1/status is the backend's ServerStatus, without any sync headers")
    func status() async throws {
        let reply = try await TestServer.with(RecordingBackend()) { client in
            try await client.send("GET", "/v1/status", sync: false)
        }
        #expect(reply.status == 200)
        #expect(try reply.decode(ServerStatus.self) == Fixtures.status)
    }

    @Test("an unknown route is 404 route.not_found as JSON", arguments: ["/", "/v1/pushx", "/v2/push", "/v1/push/", "/v1/health/x"])
    func unknown(path: String) async throws {
        let reply = try await TestServer.with(RecordingBackend()) { client in try await client.send("GET", path) }
        #expect(reply.status == 404)
        #expect(reply.error?.code == "route.not_found")
        #expect(reply.header(SyncProtocol.versionHeader) == "1")
    }

    @Test(
        "a known route with the wrong method is 405 with Allow",
        arguments: [
            ("GET", "/v1/push", "POST"), ("POST", "/v1/pull", "GET"), ("DELETE", "/v1/status", "GET"), ("PUT", "/v1/health", "GET"),
        ])
    func wrongMethod(method: String, path: String, allow: String) async throws {
        let backend = RecordingBackend()
        let reply = try await TestServer.with(backend) { client in
            try await client.send(method, path, body: method == "GET" ? nil : Array("{}".utf8))
        }
        #expect(reply.status == 405)
        #expect(reply.error?.code == "route.method_not_allowed")
        #expect(reply.header("Allow") == allow)
        #expect(backend.pushes.isEmpty && backend.pulls.isEmpty)
    }
}
