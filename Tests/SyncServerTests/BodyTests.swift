import Foundation
import GzipCodec
import SyncModel
import SyncServer
import Testing

@Suite("request bodies: gzip, bounds, JSON")
struct BodyTests {
    @Test("a corrupt gzip body is 400 body.bad_gzip")
    func corruptGzip() async throws {
        let backend = RecordingBackend()
        let gz = Gzip.compress(Array(try JSONEncoder().encode(Fixtures.pushRequest())))
        let reply = try await TestServer.with(backend) { client in
            try await client.send("POST", "/v1/push", headers: ["Content-Encoding": "gzip"], body: Array(gz.dropLast(6)))
        }
        #expect(reply.status == 400)
        #expect(reply.error?.code == "body.bad_gzip")
        #expect(backend.pushes.isEmpty)
    }

    @Test("a body over the compressed bound is 413 body.too_large")
    func overCompressedBound() async throws {
        let backend = RecordingBackend()
        let body = [UInt8](repeating: 0x20, count: SyncProtocol.maxCompressedBody + 1)
        let reply = try await TestServer.with(backend) { client in
            try await client.send("POST", "/v1/push", body: body)
        }
        #expect(reply.status == 413)
        #expect(reply.error?.code == "body.too_large")
        #expect(backend.pushes.isEmpty)
    }

    @Test("a chunked body (no Content-Length) over the compressed bound is 413 body.too_large")
    func chunkedOverCompressedBound() async throws {
        let backend = RecordingBackend()
        let body = [UInt8](repeating: 0x20, count: SyncProtocol.maxCompressedBody + 1)
        let reply = try await TestServer.with(backend) { client in
            try await client.send("POST", "/v1/push", body: body, streamed: true)
        }
        #expect(reply.status == 413)
        #expect(reply.error?.code == "body.too_large")
        #expect(backend.pushes.isEmpty)
    }

    @Test("a chunked body within bounds is read whole")
    func chunkedWithinBounds() async throws {
        let backend = RecordingBackend()
        let sent = Fixtures.pushRequest(changes: 200)
        let reply = try await TestServer.with(backend) { client in
            try await client.send("POST", "/v1/push", body: Array(try JSONEncoder().encode(sent)), streamed: true)
        }
        #expect(reply.status == 200)
        #expect(backend.pushes.map(\.request) == [sent])
    }

    @Test("a gzip bomb (small on the wire, over the inflated bound) is 413 body.too_large")
    func gzipBomb() async throws {
        let backend = RecordingBackend()
        let bomb = Gzip.compress([UInt8](repeating: 0x20, count: SyncProtocol.maxInflatedBody + 1), level: 9)
        #expect(bomb.count < SyncProtocol.maxCompressedBody / 10)
        let reply = try await TestServer.with(backend) { client in
            try await client.send("POST", "/v1/push", headers: ["Content-Encoding": "gzip"], body: bomb)
        }
        #expect(reply.status == 413)
        #expect(reply.error?.code == "body.too_large")
        #expect(backend.pushes.isEmpty)
    }

    @Test("an unknown Content-Encoding is 415 body.unsupported_encoding")
    func unknownEncoding() async throws {
        let backend = RecordingBackend()
        let reply = try await TestServer.with(backend) { client in
            try await client.send("POST", "/v1/push", headers: ["Content-Encoding": "br"], body: Array("{}".utf8))
        }
        #expect(reply.status == 415)
        #expect(reply.error?.code == "body.unsupported_encoding")
    }

    /// Bodies that are not a `PushRequest`, and what the message must point at. Each holds a marker the
    /// answer must never echo.
    static let malformed: [(body: String, pointsAt: String)] = [
        (#"{"batch_id": "张三 13800138000", "#, "JSON"),
        (#"{"batch_id": 12, "replica": "0123456789abcdef0123456789abcdef", "seq": 1, "changes": [], "x": "张三 13800138000"}"#, "batch_id"),
        (#"{"batch_id": "张三 13800138000", "replica": "0123456789abcdef0123456789abcdef", "changes": []}"#, "seq"),
        (#"{"batch_id": "b", "replica": "张三 13800138000", "seq": 1, "changes": []}"#, "replica"),
        (
            #"{"batch_id": "b", "replica": "0123456789abcdef0123456789abcdef", "seq": 1, "changes": [{"table": "张三 13800138000"}]}"#,
            "changes[0]"
        ),
        (#"["张三 13800138000"]"#, "类型不符"),
    ]

    @Test(
        "malformed JSON is 400 body.malformed_json saying where, never echoing the body; backend not called",
        arguments: malformed)
    func malformedJSON(body: String, pointsAt: String) async throws {
        let backend = RecordingBackend()
        let reply = try await TestServer.with(backend) { client in
            try await client.send("POST", "/v1/push", headers: ["Content-Encoding": "gzip"], body: Gzip.compress(Array(body.utf8)))
        }
        #expect(reply.status == 400)
        let error = try #require(reply.error)
        #expect(error.code == "body.malformed_json")
        #expect(error.message.contains(pointsAt))
        #expect(!error.message.contains("张三"))
        #expect(!error.message.contains("13800138000"))
        #expect(backend.pushes.isEmpty)
    }

    @Test("an empty body is 400 body.malformed_json")
    func emptyBody() async throws {
        let backend = RecordingBackend()
        let reply = try await TestServer.with(backend) { client in
            try await client.send("POST", "/v1/push", body: [])
        }
        #expect(reply.status == 400)
        #expect(reply.error?.code == "body.malformed_json")
        #expect(backend.pushes.isEmpty)
    }
}
