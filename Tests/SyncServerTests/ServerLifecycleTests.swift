import SyncServer
import Testing

@Suite("starting and stopping")
struct ServerLifecycleTests {
    @Test("the host defaults to loopback")
    func defaults() {
        let server = SyncHTTPServer(backend: RecordingBackend())
        #expect(server.host == "127.0.0.1")
        #expect(server.port == SyncHTTPServer.defaultPort)
    }

    @Test("port 0 binds an ephemeral port that onListening reports, and cancelling stops the server")
    func ephemeralPortAndCancel() async throws {
        let port = try await TestServer.with(RecordingBackend()) { client in
            let reply = try await client.send("GET", "/v1/health", sync: false)
            #expect(reply.status == 200)
            return try #require(client.base.port)
        }
        #expect(port > 0)
        // Stopped: the port refuses connections now.
        let client = HTTPTestClient(base: try #require(.init(string: "http://127.0.0.1:\(port)")))
        await #expect(throws: (any Error).self) { _ = try await client.send("GET", "/v1/health", sync: false) }
    }

    @Test("a port already in use makes run throw instead of hanging")
    func portInUse() async throws {
        try await TestServer.with(RecordingBackend()) { client in
            let taken = try #require(client.base.port)
            let second = SyncHTTPServer(backend: RecordingBackend(), host: "127.0.0.1", port: taken, logLevel: .critical)
            await #expect(throws: (any Error).self) { try await second.run() }
        }
    }
}
