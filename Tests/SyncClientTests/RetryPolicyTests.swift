import Foundation
import SyncClient
import Testing

/// `RetryPolicy`: which failures are retried, the backoff, and the progress events — with a
/// no-op sleep, so nothing here waits.
@Suite("RetryPolicy")
struct RetryPolicyTests {
    /// Records the waits instead of sleeping.
    final class Clock {
        var sleeps: [Duration] = []
        var events: [RetryEvent] = []
    }

    private func run(
        _ policy: RetryPolicy, _ clock: Clock, unit: Double = 0.5,
        _ operation: () throws(TransportError) -> HTTPResponse
    ) throws(TransportError) -> HTTPResponse {
        try policy.run(sleep: { clock.sleeps.append($0) }, random: { unit }, onRetry: { clock.events.append($0) }, operation)
    }

    @Test("503, 503, then 200 from a real server: retried and succeeds")
    func serviceUnavailableThenOK() throws {
        let server = try PythonHTTPServer()
        defer { server.stop() }
        let transport = CurlTransport(options: TransportTesting.options())
        let clock = Clock()
        var calls = 0
        let response = try run(RetryPolicy(maxAttempts: 5), clock) { () throws(TransportError) in
            calls += 1
            return try transport.send(.get(server.url("/sequence?key=a&codes=503,503,200")))
        }
        #expect(response.status == 200)
        #expect(response.body == Array("call 3 status 200".utf8))
        #expect(calls == 3)
        #expect(clock.sleeps == [.milliseconds(500), .seconds(1)])  // caps 1 s, 2 s × unit 0.5
        #expect(clock.events.map(\.attempt) == [1, 2])
        #expect(clock.events.first?.description == "第 1/5 次尝试失败：服务器暂时不可用（HTTP 503），0.5 秒后重试…")
    }

    @Test("4xx and (by default) 500 are returned at once, never retried", arguments: [400, 401, 404, 409, 429, 500])
    func notRetriedStatuses(status: Int) throws {
        let server = try PythonHTTPServer()
        defer { server.stop() }
        let transport = CurlTransport(options: TransportTesting.options())
        let clock = Clock()
        var calls = 0
        let response = try run(.standard, clock) { () throws(TransportError) in
            calls += 1
            return try transport.send(.get(server.url("/sequence?key=b&codes=\(status),200")))
        }
        #expect(response.status == status)
        #expect(calls == 1)
        #expect(clock.sleeps.isEmpty)
    }

    @Test("a retryable status that persists: the last response is returned after maxAttempts")
    func exhaustedStatus() throws {
        let clock = Clock()
        var calls = 0
        let response = try run(RetryPolicy(maxAttempts: 3), clock) { () throws(TransportError) in
            calls += 1
            return HTTPResponse(status: 502)
        }
        #expect(response.status == 502)
        #expect(calls == 3)
        #expect(clock.events.count == 2)
    }

    @Test("connection refused is retried, then the last error is thrown")
    func refusedRetriedThenThrown() throws {
        let server = try PythonHTTPServer()
        let url = server.url("/status/200")
        server.stop()
        let transport = CurlTransport(options: TransportTesting.options())
        let clock = Clock()
        var calls = 0
        let error = #expect(throws: TransportError.self) {
            try run(RetryPolicy(maxAttempts: 3), clock) { () throws(TransportError) in
                calls += 1
                return try transport.send(.get(url))
            }
        }
        #expect(error?.kind == .connectionFailed)
        #expect(calls == 3)
        #expect(clock.events.map(\.reason) == ["无法连接服务器", "无法连接服务器"])
    }

    @Test("non-retryable transport errors are thrown at once")
    func insecureNotRetried() {
        let transport = CurlTransport(options: TransportTesting.options())
        let clock = Clock()
        var calls = 0
        let error = #expect(throws: TransportError.self) {
            try run(.standard, clock) { () throws(TransportError) in
                calls += 1
                return try transport.send(.get("http://192.0.2.1/"))
            }
        }
        #expect(error?.kind == .insecureURL)
        #expect(calls == 1)
        #expect(clock.sleeps.isEmpty)
    }

    @Test("errors other than TransportError pass straight through")
    func otherErrorsNotRetried() {
        struct Decoding: Error {}
        let clock = Clock()
        var calls = 0
        #expect(throws: Decoding.self) {
            try RetryPolicy.standard.run(sleep: { clock.sleeps.append($0) }) { () throws(Decoding) -> HTTPResponse in
                calls += 1
                throw Decoding()
            }
        }
        #expect(calls == 1)
        #expect(clock.sleeps.isEmpty)
    }

    @Test("backoff caps double from baseDelay up to maxDelay; full jitter scales them")
    func backoff() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: .seconds(1), maxDelay: .seconds(30))
        #expect((1...7).map { policy.backoffCap(beforeRetry: $0) } == [1, 2, 4, 8, 16, 30, 30].map { Duration.seconds($0) })
        #expect(policy.backoffCap(beforeRetry: 1_000) == .seconds(30))
        #expect(policy.delay(beforeRetry: 3, unit: 0) == .zero)
        #expect(policy.delay(beforeRetry: 3, unit: 0.25) == .seconds(1))
        #expect(policy.delay(beforeRetry: 3, unit: 0.25, retryAfter: .seconds(7)) == .seconds(7))
        #expect(policy.delay(beforeRetry: 3, unit: 0.25, retryAfter: .seconds(600)) == .seconds(30))
    }

    @Test("Retry-After on a 503 raises the wait")
    func retryAfter() throws {
        let server = try PythonHTTPServer()
        defer { server.stop() }
        let transport = CurlTransport(options: TransportTesting.options())
        let clock = Clock()
        let url = server.url("/status/503?retry_after=4")
        let response = try RetryPolicy(maxAttempts: 2).run(sleep: { clock.sleeps.append($0) }, random: { 0 }) {
            try transport.send(.get(url))  // unannotated: the call then throws `any Error`
        }
        #expect(response.status == 503)
        #expect(clock.sleeps == [.seconds(4)])
    }

    @Test("the default sleep really waits")
    func blockingSleep() {
        let start = ContinuousClock.now
        RetryPolicy.blockingSleep(.milliseconds(20))
        #expect(ContinuousClock.now - start >= .milliseconds(20))
    }
}
