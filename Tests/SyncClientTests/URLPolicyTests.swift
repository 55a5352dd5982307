import SyncClient
import Testing

/// Plain `http://` only to this machine; malformed URLs and requests refused before libcurl runs.
@Suite("URL policy")
struct URLPolicyTests {
    @Test(
        "plain http to a non-loopback host is refused before any connection",
        arguments: [
            "http://192.0.2.1/v1/push",  // TEST-NET-1: must never be contacted
            "http://192.0.2.1:8080/v1/pull?after=3",
            "http://127.0.0.1@192.0.2.1/",  // user info, not the host
            "http://localhost.192.0.2.1.nip.io/",
            "http://127.0.0.1.nip.io/",
            "http://[2001:db8::1]/",
            "HTTP://192.0.2.1/",
        ])
    func insecureRefused(url: String) throws {
        // A proxy that does not exist: if the check let the request through, it would fail differently.
        let transport = CurlTransport(options: TransportTesting.options { $0.proxy = .url("http://127.0.0.1:1") })
        let error = try #require(TransportTesting.failure(transport, .post(url, body: [1, 2, 3])))
        #expect(error.kind == .insecureURL)
        #expect(!error.isRetryable)
        #expect(error.curlCode == nil)  // libcurl never ran a transfer
        #expect(error.message.contains("https://"))
        #expect(!(error.target ?? "").contains("after=3"))
    }

    @Test("plain http to 127.0.0.1 is allowed")
    func loopbackAllowed() throws {
        let server = try PythonHTTPServer()
        defer { server.stop() }
        let transport = CurlTransport(options: TransportTesting.options())
        #expect(try transport.send(.get(server.url("/status/200"))).status == 200)
    }

    @Test(
        "other loopback spellings pass the check (the server itself is only on 127.0.0.1)",
        arguments: [
            "http://127.8.9.10:1/", "http://localhost:1/", "http://LOCALHOST.:1/", "http://[::1]:1/", "http://127.1:1/",
        ])
    func loopbackSpellings(url: String) throws {
        let transport = CurlTransport(options: TransportTesting.options())
        let error = try #require(TransportTesting.failure(transport, .get(url)))
        #expect(error.kind == .connectionFailed)  // refused on port 1 — not insecureURL
    }

    @Test("allowInsecureHTTP lets plain http through the check (here into a dead local proxy)")
    func insecureAllowed() throws {
        let transport = CurlTransport(
            options: TransportTesting.options {
                $0.allowInsecureHTTP = true
                $0.proxy = .url("http://127.0.0.1:1")  // refused at once: 192.0.2.1 is never contacted
            })
        let error = try #require(TransportTesting.failure(transport, .get("http://192.0.2.1/")))
        #expect(error.kind == .connectionFailed)
        #expect(error.message.contains("代理"))
    }

    @Test(
        "malformed URLs, other schemes and bad headers are invalidRequest",
        arguments: [
            HTTPRequest(url: "sync.example.cn/v1/push"),
            HTTPRequest(url: "ftp://127.0.0.1/file"),
            HTTPRequest(url: "file:///etc/passwd"),
            HTTPRequest(url: "https://"),
            HTTPRequest(url: "http://127.0.0.1:1/", headers: [("X-Bad", "a\r\nInjected: yes")]),
            HTTPRequest(url: "http://127.0.0.1:1/", headers: [("Bad Name", "x")]),
            HTTPRequest(method: "GET /x", url: "http://127.0.0.1:1/"),
        ])
    func invalid(request: HTTPRequest) throws {
        let transport = CurlTransport(options: TransportTesting.options())
        let error = try #require(TransportTesting.failure(transport, request))
        #expect(error.kind == .invalidRequest)
        #expect(!error.isRetryable)
    }
}
