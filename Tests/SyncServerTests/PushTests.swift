import Foundation
import GzipCodec
import SyncModel
import SyncServer
import Testing

@Suite("POST /v1/push")
struct PushTests {
    @Test("a gzip'd push reaches the backend intact and the gzip'd answer inflates to its PushResponse")
    func gzipRoundTrip() async throws {
        let backend = RecordingBackend()
        let sent = Fixtures.pushRequest(changes: 50)
        let reply = try await TestServer.with(backend) { client in
            try await client.push(sent, headers: ["Accept-Encoding": "gzip"])
        }
        #expect(reply.status == 200)
        #expect(reply.gzipped)
        #expect(reply.header("Content-Type") == "application/json; charset=utf-8")
        #expect(reply.header(SyncProtocol.versionHeader) == "1")
        #expect(try reply.decode(PushResponse.self) == Fixtures.pushResponse())
        #expect(backend.pushes == [.init(request: sent, token: Fixtures.token)])
    }

    @Test("an uncompressed (identity) body is accepted, and no gzip comes back when the client does not ask")
    func identityBody() async throws {
        let backend = RecordingBackend()
        let sent = Fixtures.pushRequest()
        let reply = try await TestServer.with(backend) { client in
            try await client.push(sent, gzip: false, headers: ["Accept-Encoding": "identity"])
        }
        #expect(reply.status == 200)
        #expect(!reply.gzipped)
        #expect(try reply.decode(PushResponse.self) == Fixtures.pushResponse())
        #expect(backend.pushes.map(\.request) == [sent])
    }

    @Test("a small answer is not gzip'd even when the client accepts gzip")
    func smallAnswerNotCompressed() async throws {
        let small = PushResponse(batchID: "b", seq: 1, accepted: 1, rejected: [], serverClock: .zero)
        let backend = RecordingBackend(push: .success(small))
        let reply = try await TestServer.with(backend) { client in
            try await client.push(Fixtures.pushRequest(), headers: ["Accept-Encoding": "gzip"])
        }
        #expect(reply.status == 200)
        #expect(!reply.gzipped)
        #expect(try reply.decode(PushResponse.self) == small)
    }

    @Test("more than maxPushChanges changes is refused with 413 batch.too_large, before the backend")
    func tooManyChanges() async throws {
        let backend = RecordingBackend()
        let reply = try await TestServer.with(backend) { client in
            try await client.push(Fixtures.pushRequest(changes: SyncProtocol.maxPushChanges + 1))
        }
        #expect(reply.status == 413)
        #expect(reply.error?.code == "batch.too_large")
        #expect(backend.pushes.isEmpty)
    }

    @Test("exactly maxPushChanges changes is accepted")
    func maxChanges() async throws {
        let backend = RecordingBackend()
        let reply = try await TestServer.with(backend) { client in
            try await client.push(Fixtures.pushRequest(changes: SyncProtocol.maxPushChanges))
        }
        #expect(reply.status == 200)
        #expect(backend.pushes.first?.request.changes.count == SyncProtocol.maxPushChanges)
    }

    @Test("a SyncFailure from the backend becomes its status and ErrorBody")
    func backendFailure() async throws {
        let failure = SyncFailure.conflict("push.seq_gap", "推送序号不连续：服务器已收到第 3 批，本批为第 5 批")
        let backend = RecordingBackend(push: .failure(failure))
        let reply = try await TestServer.with(backend) { client in try await client.push(Fixtures.pushRequest()) }
        #expect(reply.status == 409)
        #expect(reply.error == failure.body)
        #expect(reply.header(SyncProtocol.versionHeader) == "1")
    }

    @Test("a backend refusal with a status outside 4xx/5xx becomes a generic 500")
    func backendFailureWithBadStatus() async throws {
        let backend = RecordingBackend(push: .failure(SyncFailure(status: 200, code: "oops", message: "内部细节")))
        let reply = try await TestServer.with(backend) { client in try await client.push(Fixtures.pushRequest()) }
        #expect(reply.status == 500)
        #expect(reply.error?.code == "server.internal")
        #expect(reply.error?.message.contains("内部细节") == false)
    }
}
