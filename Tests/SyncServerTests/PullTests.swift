import SyncModel
import SyncServer
import Testing

@Suite("GET /v1/pull")
struct PullTests {
    @Test("defaults: after 0, limit 1000; the answer comes back as sent by the backend")
    func defaults() async throws {
        let backend = RecordingBackend()
        let reply = try await TestServer.with(backend) { client in try await client.send("GET", "/v1/pull") }
        #expect(reply.status == 200)
        #expect(try reply.decode(PullResponse.self) == Fixtures.pullResponse)
        #expect(backend.pulls == [.init(after: 0, limit: 1000, token: Fixtures.token)])
    }

    @Test(
        "cursor and limit are passed on",
        arguments: [
            ("?after=42&limit=1", 42 as Int64, 1),
            ("?after=9007199254740993&limit=5000", 9_007_199_254_740_993, 5000),
            ("?limit=7", 0, 7),
            ("?after=0", 0, 1000),
        ])
    func passedOn(query: String, after: Int64, limit: Int) async throws {
        let backend = RecordingBackend()
        let reply = try await TestServer.with(backend) { client in try await client.send("GET", "/v1/pull" + query) }
        #expect(reply.status == 200)
        #expect(backend.pulls == [.init(after: after, limit: limit, token: Fixtures.token)])
    }

    @Test(
        "a bad cursor or limit is 400 with its code, and the backend is not called",
        arguments: [
            ("?after=-1", "query.bad_cursor"),
            ("?after=abc", "query.bad_cursor"),
            ("?after=", "query.bad_cursor"),
            ("?after=1.5", "query.bad_cursor"),
            ("?after=99999999999999999999", "query.bad_cursor"),
            ("?limit=0", "query.bad_limit"),
            ("?limit=-3", "query.bad_limit"),
            ("?limit=5001", "query.bad_limit"),
            ("?limit=ten", "query.bad_limit"),
            ("?after=5&limit=", "query.bad_limit"),
        ])
    func badQuery(query: String, code: String) async throws {
        let backend = RecordingBackend()
        let reply = try await TestServer.with(backend) { client in try await client.send("GET", "/v1/pull" + query) }
        #expect(reply.status == 400)
        #expect(reply.error?.code == code)
        #expect(backend.pulls.isEmpty)
    }

    @Test("a SyncFailure from the backend becomes its status and ErrorBody")
    func backendFailure() async throws {
        let failure = SyncFailure.unauthorized()
        let backend = RecordingBackend(pull: .failure(failure))
        let reply = try await TestServer.with(backend) { client in try await client.send("GET", "/v1/pull") }
        #expect(reply.status == 401)
        #expect(reply.error == failure.body)
    }

    @Test("an answer that cannot be encoded is a generic 500 server.internal")
    func unexpectedError() async throws {
        var change = Fixtures.change(1)
        change.values["rate"] = .real(.nan)
        let backend = RecordingBackend(pull: .success(PullResponse(changes: [change], cursor: 1, more: false)))
        let reply = try await TestServer.with(backend) { client in try await client.send("GET", "/v1/pull") }
        #expect(reply.status == 500)
        let error = try #require(reply.error)
        #expect(error.code == "server.internal")
        #expect(!error.message.contains("nan") && !error.message.contains("Encoding"))
        #expect(reply.header(SyncProtocol.versionHeader) == "1")
    }
}
