import Foundation
import SyncClient
import Testing

/// Proxies: an explicit one, the environment's (checked in a child process so no variable is ever
/// set in this multi-threaded one), and loopback always going direct.
@Suite("Proxies")
struct ProxyTests {
    @Test("an explicit proxy receives the absolute-form request")
    func explicitProxy() throws {
        let proxy = try PythonHTTPServer(["--proxy"])
        defer { proxy.stop() }
        let transport = CurlTransport(
            options: TransportTesting.options {
                $0.proxy = .url(proxy.base)
                $0.allowInsecureHTTP = true  // the target is not loopback; the fake proxy never contacts it
            })
        let response = try transport.send(.post("http://sync.example.invalid/v1/push", body: Array("hi".utf8)))
        let echo = try TransportTesting.json(response)
        #expect(echo["proxied"] as? Bool == true)
        #expect(echo["request_line"] as? String == "POST http://sync.example.invalid/v1/push HTTP/1.1")
        #expect(echo["body_length"] as? Int == 2)
    }

    @Test("loopback targets bypass even an explicit proxy")
    func loopbackGoesDirect() throws {
        let proxy = try PythonHTTPServer(["--proxy"])
        defer { proxy.stop() }
        let origin = try PythonHTTPServer()
        defer { origin.stop() }
        let transport = CurlTransport(options: TransportTesting.options { $0.proxy = .url(proxy.base) })
        let echo = try TransportTesting.json(try transport.send(.get(origin.url("/echo"))))
        #expect(echo["proxied"] == nil)
        #expect(echo["path"] as? String == "/echo")
    }

    /// Set in the child process this test starts.
    static let childMarker = "DSYNC_PROXY_ENV_CHILD"

    @Test(
        "Proxy.environment honours http_proxy and https_proxy",
        .enabled(if: FileManager.default.fileExists(atPath: "/proc/self/exe"), "re-runs this test binary"))
    func environmentProxy() throws {
        if ProcessInfo.processInfo.environment[Self.childMarker] != nil { return try environmentProxyInChild() }
        let proxy = try PythonHTTPServer(["--proxy"])
        defer { proxy.stop() }
        let exe = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let child = Process()
        child.executableURL = URL(fileURLWithPath: exe)
        child.arguments = ["--testing-library", "swift-testing", "--filter", "ProxyTests/environmentProxy"]
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.lowercased().hasSuffix("_proxy") }
        environment["http_proxy"] = proxy.base
        environment["https_proxy"] = proxy.base
        environment[Self.childMarker] = "1"
        child.environment = environment
        let output = Pipe()
        child.standardOutput = output
        child.standardError = output
        try child.run()
        let log = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        child.waitUntilExit()
        #expect(child.terminationStatus == 0, "child run failed:\n\(log)")
        #expect(log.contains("1 test"), "the child must have run exactly this test:\n\(log)")

        let seen = try TransportTesting.json(try CurlTransport(options: TransportTesting.options()).send(.get(proxy.url("/_log"))))
        let lines = try #require(seen["lines"] as? [String])
        #expect(lines.contains("GET http://sync.example.invalid/env-probe HTTP/1.1"))
        #expect(lines.contains { $0.hasPrefix("CONNECT sync.example.invalid:443 ") })
    }

    /// Runs in the child, whose environment has `http_proxy`/`https_proxy` pointing at the fake proxy.
    private func environmentProxyInChild() throws {
        let transport = CurlTransport(
            options: TransportTesting.options {
                $0.proxy = .environment
                $0.allowInsecureHTTP = true
            })
        let echo = try TransportTesting.json(try transport.send(.get("http://sync.example.invalid/env-probe")))
        #expect(echo["proxied"] as? Bool == true)
        // https goes through a CONNECT tunnel, which the fake proxy refuses: an error, but the proxy saw it.
        let error = try #require(TransportTesting.failure(transport, .get("https://sync.example.invalid/")))
        #expect(error.kind == .connectionFailed)
        #expect(error.message.contains("HTTP 403"))
    }
}
