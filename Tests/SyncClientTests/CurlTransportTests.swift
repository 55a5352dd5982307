import Foundation
import GzipCodec
import SyncClient
import Synchronization
import Testing

/// `CurlTransport` against a real HTTP server on 127.0.0.1.
@Suite("CurlTransport exchanges")
struct CurlTransportTests {
    @Test("a gzip POST body arrives intact, with our User-Agent, Accept-Encoding and no Expect")
    func gzipPost() throws {
        let server = try PythonHTTPServer()
        defer { server.stop() }
        let json = Array(String(repeating: #"{"table":"project","values":{"name":"二七区全民健身运动中心"}},"#, count: 200).utf8)
        let transport = CurlTransport(options: TransportTesting.options())
        let response = try transport.send(
            .post(
                server.url("/echo"), headers: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")],
                body: Gzip.compress(json)))
        #expect(response.status == 200)
        let echo = try TransportTesting.json(response)
        #expect(echo["method"] as? String == "POST")
        #expect(echo["body_gzip"] as? Bool == true)
        #expect(echo["inflated_length"] as? Int == json.count)
        let inflated = try #require((echo["body_b64"] as? String).flatMap { Data(base64Encoded: $0) })
        #expect(Array(inflated) == json)
        let headers = try #require(echo["headers"] as? [String: String])
        #expect(headers["user-agent"] == "dsync/\(CurlTransport.clientVersion)")
        #expect(headers["accept-encoding"] == "gzip")
        #expect(headers["content-type"] == "application/json")
        #expect(headers["content-encoding"] == "gzip")
        #expect(headers["expect"] == nil)
    }

    @Test("a 5 MB upload is sent without Expect: 100-continue")
    func bigUploadHasNoExpect() throws {
        let server = try PythonHTTPServer()
        defer { server.stop() }
        var body = [UInt8](repeating: 0, count: 5 << 20)
        for i in body.indices { body[i] = UInt8(truncatingIfNeeded: i &* 2_654_435_761 >> 13) }
        let transport = CurlTransport(options: TransportTesting.options())
        let response = try transport.send(.post(server.url("/echo"), body: body))
        let echo = try TransportTesting.json(response)
        #expect(echo["body_length"] as? Int == body.count)
        let headers = try #require(echo["headers"] as? [String: String])
        #expect(headers["expect"] == nil)
        #expect(headers["content-type"] == "application/octet-stream")
        #expect(headers["content-length"] == "\(body.count)")
    }

    @Test("a caller's Expect and Accept-Encoding headers are replaced; an empty value is sent as empty")
    func reservedHeaders() throws {
        let server = try PythonHTTPServer()
        defer { server.stop() }
        let transport = CurlTransport(options: TransportTesting.options())
        let response = try transport.send(
            .post(
                server.url("/echo"), headers: [("Expect", "100-continue"), ("Accept-Encoding", "br"), ("X-Empty", "")], body: [1, 2, 3]))
        let headers = try #require(try TransportTesting.json(response)["headers"] as? [String: String])
        #expect(headers["expect"] == nil)
        #expect(headers["accept-encoding"] == "gzip")
        #expect(headers["x-empty"] == "")
    }

    @Test(
        "PUT, DELETE and an empty POST use the right method and body",
        arguments: [
            ("PUT", [UInt8]?.some([1, 2, 3])), ("DELETE", nil), ("POST", []), ("POST", nil), ("GET", nil),
        ])
    func methods(method: String, body: [UInt8]?) throws {
        let server = try PythonHTTPServer()
        defer { server.stop() }
        let transport = CurlTransport(options: TransportTesting.options())
        let echo = try TransportTesting.json(try transport.send(HTTPRequest(method: method, url: server.url("/echo"), body: body)))
        #expect(echo["method"] as? String == method)
        #expect(echo["body_length"] as? Int == body?.count ?? 0)
        let headers = try #require(echo["headers"] as? [String: String])
        if method == "POST" { #expect(headers["content-length"] == "0") }  // even for a nil body
    }

    @Test("a gzip response is inflated and flagged; headers are lower-cased and repeats joined")
    func gzipResponse() throws {
        let server = try PythonHTTPServer()
        defer { server.stop() }
        let transport = CurlTransport(options: TransportTesting.options())
        let response = try transport.send(.get(server.url("/gzip?text=%E5%90%8C%E6%AD%A5ok&repeat=1000")))
        #expect(response.status == 200)
        #expect(response.wasGzipped)
        #expect(response.header("Content-Encoding") == "gzip")
        #expect(response.body == Array(String(repeating: "同步ok", count: 1000).utf8))

        let plain = try transport.send(.get(server.url("/headers")))
        #expect(!plain.wasGzipped)
        #expect(plain.body == Array("ok".utf8))
        #expect(plain.headers["x-dup"] == "one, two")
        #expect(plain.headers["x-mixed-case"] == "spaced value")
    }

    @Test("HEAD returns headers and no body")
    func head() throws {
        let server = try PythonHTTPServer()
        defer { server.stop() }
        let transport = CurlTransport(options: TransportTesting.options())
        let response = try transport.send(HTTPRequest(method: "HEAD", url: server.url("/status/204")))
        #expect(response.status == 204)
        #expect(response.body.isEmpty)
    }

    @Test("4xx and 5xx are responses, not errors")
    func statusesAreResponses() throws {
        let server = try PythonHTTPServer()
        defer { server.stop() }
        let transport = CurlTransport(options: TransportTesting.options())
        for status in [400, 401, 404, 500, 503] {
            let response = try transport.send(.get(server.url("/status/\(status)")))
            #expect(response.status == status)
            #expect(response.body == Array("status \(status)".utf8))
            #expect(!response.isSuccess)
        }
    }

    @Test("connection refused is connectionFailed and retryable")
    func refused() throws {
        let server = try PythonHTTPServer()
        let port = server.port
        server.stop()  // nothing listens there any more
        let transport = CurlTransport(options: TransportTesting.options())
        let error = try #require(TransportTesting.failure(transport, .get("http://127.0.0.1:\(port)/echo?token=secret")))
        #expect(error.kind == .connectionFailed)
        #expect(error.isRetryable)
        #expect(error.curlCode == 7)
        #expect(error.message.contains("无法连接"))
        #expect(error.target == "GET http://127.0.0.1:\(port)/echo")  // no query: it may hold secrets
        #expect(!error.description.contains("secret"))
    }

    @Test("a server slower than the total timeout gives timedOut, retryable")
    func timeout() throws {
        let server = try PythonHTTPServer()
        defer { server.stop() }
        let transport = CurlTransport(options: TransportTesting.options { $0.totalTimeout = .milliseconds(500) })
        let error = try #require(TransportTesting.failure(transport, .get(server.url("/sleep?seconds=5"))))
        #expect(error.kind == .timedOut)
        #expect(error.isRetryable)
        #expect(error.message.contains("超时"))
    }

    @Test("a transfer stalled below the low-speed limit is aborted as timedOut")
    func lowSpeed() throws {
        let server = try PythonHTTPServer()
        defer { server.stop() }
        let transport = CurlTransport(
            options: TransportTesting.options {
                $0.lowSpeedLimit = 100
                $0.lowSpeedTime = .seconds(1)
            })
        let error = try #require(TransportTesting.failure(transport, .get(server.url("/stall?seconds=6"))))
        #expect(error.kind == .timedOut)
    }

    @Test("the speed a body arrived at is measured: a body trickled over a second, one sent at once")
    func bodySpeed() throws {
        let server = try PythonHTTPServer()
        defer { server.stop() }
        let transport = CurlTransport(options: TransportTesting.options())
        // 8 pieces of 16 KB, 1 s from the first to the last: 7 × 16 KB after the first in 1 s.
        let slow = try transport.send(.get(server.url("/trickle?bytes=131072&pieces=8&seconds=1")))
        #expect(slow.body.count == 131_072 && slow.wireBodyBytes == 131_072)
        let measured = try #require(slow.bodyBytesPerSecond)
        #expect(measured > 40_000 && measured < 140_000, "\(measured)")  // 114,688 B/s, less any delay
        // 4 MB written at once on loopback: far above the 8 MB/s where pulls ask for gzip level 1.
        let fast = try transport.send(.get(server.url("/plain?size=4194304")))
        #expect(try #require(fast.bodyBytesPerSecond) > 8_000_000)
        // The wire size of a gzip'd body is what crossed, not what it inflated to.
        let zipped = try transport.send(.get(server.url("/gzip?text=abc&repeat=100000")))
        #expect(zipped.wasGzipped && zipped.body.count == 300_000 && zipped.wireBodyBytes < 10_000)
        // A body that came in one piece says nothing about the link.
        #expect(try transport.send(.get(server.url("/plain?size=100"))).bodyBytesPerSecond == nil)
    }

    @Test("a server closing mid-body gives connectionLost, never a truncated success")
    func truncated() throws {
        let server = try PythonHTTPServer()
        defer { server.stop() }
        let transport = CurlTransport(options: TransportTesting.options())
        let error = try #require(TransportTesting.failure(transport, .get(server.url("/truncate"))))
        #expect(error.kind == .connectionLost)
        #expect(error.isRetryable)
        #expect(error.curlCode == 18)  // CURLE_PARTIAL_FILE
        // The kept connection is not poisoned: the next request works.
        #expect(try transport.send(.get(server.url("/status/200"))).status == 200)
    }

    @Test("a gzip bomb is refused as responseTooLarge")
    func gzipBomb() throws {
        let server = try PythonHTTPServer()
        defer { server.stop() }
        let transport = CurlTransport(options: TransportTesting.options { $0.responseLimit = 1 << 20 })
        let error = try #require(TransportTesting.failure(transport, .get(server.url("/bomb?mb=32"))))
        #expect(error.kind == .responseTooLarge)
        #expect(!error.isRetryable)
        #expect(error.message.contains("1 MiB"))
    }

    @Test("an uncompressed body over the limit is aborted while receiving")
    func plainTooLarge() throws {
        let server = try PythonHTTPServer()
        defer { server.stop() }
        let transport = CurlTransport(options: TransportTesting.options { $0.responseLimit = 1 << 20 })
        let error = try #require(TransportTesting.failure(transport, .get(server.url("/plain?size=\(3 << 20)"))))
        #expect(error.kind == .responseTooLarge)
        #expect(try transport.send(.get(server.url("/plain?size=\(1 << 20)"))).body.count == 1 << 20)
    }

    @Test("an encoding we did not ask for, or corrupt gzip, is a badResponse", arguments: ["br", "gzip"])
    func badEncoding(name: String) throws {
        let server = try PythonHTTPServer()
        defer { server.stop() }
        let transport = CurlTransport(options: TransportTesting.options())
        let error = try #require(TransportTesting.failure(transport, .get(server.url("/encoding?name=\(name)"))))
        #expect(error.kind == .badResponse)
        #expect(!error.isRetryable)
    }

    @Test("one transport serves several threads at once")
    func concurrentSends() throws {
        let server = try PythonHTTPServer()
        defer { server.stop() }
        let transport = CurlTransport(options: TransportTesting.options())
        let urls = (0..<4).map { server.url("/status/\(200 + $0)") }
        let statuses = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { i in  // GCD threads, not the cooperative pool
            for _ in 0..<5 {
                let status = (try? transport.send(.get(urls[i])).status) ?? -1
                statuses.withLock { $0.append(status) }
            }
        }
        #expect(statuses.withLock { $0.sorted() } == (0..<4).flatMap { Array(repeating: 200 + $0, count: 5) })
    }
}
