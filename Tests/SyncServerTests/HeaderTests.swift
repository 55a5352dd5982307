import SyncModel
import SyncServer
import Testing

@Suite("protocol, schema and token headers")
struct HeaderTests {
    @Test(
        "no or a malformed bearer token is 401 auth.missing_token, and the backend is not called",
        arguments: [
            nil, "", "Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearer a b", "Token abc",
        ])
    func missingToken(authorization: String?) async throws {
        let backend = RecordingBackend()
        let (push, pull) = try await TestServer.with(backend) { client in
            (
                try await client.push(Fixtures.pushRequest(), headers: ["Authorization": authorization]),
                try await client.send("GET", "/v1/pull", headers: ["Authorization": authorization])
            )
        }
        for reply in [push, pull] {
            #expect(reply.status == 401)
            #expect(reply.error?.code == "auth.missing_token")
            #expect(reply.header(SyncProtocol.versionHeader) == "1")
        }
        #expect(backend.pushes.isEmpty && backend.pulls.isEmpty)
    }

    @Test("the bearer scheme is case-insensitive and the token is passed on as sent")
    func tokenPassedOn() async throws {
        let backend = RecordingBackend()
        let reply = try await TestServer.with(backend) { client in
            try await client.send("GET", "/v1/pull", headers: ["Authorization": "bearer abc.DEF-123"])
        }
        #expect(reply.status == 200)
        #expect(backend.pulls.map(\.token) == ["abc.DEF-123"])
    }

    @Test(
        "another or no protocol version is 426 protocol.unsupported telling the clerk to upgrade, edits kept",
        arguments: [nil, "2", "0", "v1"])
    func protocolVersion(version: String?) async throws {
        let backend = RecordingBackend()
        let (push, pull) = try await TestServer.with(backend) { client in
            let headers = [SyncProtocol.versionHeader: version]
            return (
                try await client.push(Fixtures.pushRequest(), headers: headers),
                try await client.send("GET", "/v1/pull", headers: headers)
            )
        }
        for reply in [push, pull] {
            #expect(reply.status == 426)
            let error = try #require(reply.error)
            #expect(error.code == "protocol.unsupported")
            #expect(error.message.contains("升级 dsync"))
            #expect(error.message.contains("保留"))
            #expect(reply.header(SyncProtocol.versionHeader) == "1")
        }
        #expect(backend.pushes.isEmpty && backend.pulls.isEmpty)
    }

    @Test("an older client schema is told to upgrade dsync")
    func schemaClientOlder() async throws {
        let reply = try await schemaReply(client: Fixtures.schemaVersion - 1)
        #expect(reply.status == 426)
        let error = try #require(reply.error)
        #expect(error.code == "schema.mismatch")
        #expect(error.message.contains("升级 dsync"))
        #expect(!error.message.contains("服务器需要升级"))
    }

    @Test("a newer client schema is told the server must be upgraded")
    func schemaClientNewer() async throws {
        let reply = try await schemaReply(client: Fixtures.schemaVersion + 1)
        #expect(reply.status == 426)
        let error = try #require(reply.error)
        #expect(error.code == "schema.mismatch")
        #expect(error.message.contains("服务器需要升级"))
        #expect(!error.message.contains("升级 dsync"))
    }

    @Test("a missing or non-integer schema header is 400 schema.missing", arguments: [nil, "abc", "-1"])
    func schemaMissing(schema: String?) async throws {
        let backend = RecordingBackend()
        let reply = try await TestServer.with(backend) { client in
            try await client.send("GET", "/v1/pull", headers: [SyncProtocol.schemaHeader: schema])
        }
        #expect(reply.status == 400)
        #expect(reply.error?.code == "schema.missing")
        #expect(backend.pulls.isEmpty)
    }

    private func schemaReply(client schema: Int) async throws -> HTTPTestClient.Reply {
        let backend = RecordingBackend()
        let reply = try await TestServer.with(backend) { client in
            try await client.push(Fixtures.pushRequest(), headers: [SyncProtocol.schemaHeader: String(schema)])
        }
        #expect(backend.pushes.isEmpty)
        return reply
    }
}
