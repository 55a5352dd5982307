#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// When to try an HTTP exchange again, and how long to wait in between: exponential backoff with
/// full jitter (the wait before retry *n* is uniform in `0 ..< min(maxDelay, baseDelay × 2ⁿ⁻¹)`).
///
/// Retried: `TransportError`s that are `isRetryable` (connection failed or lost, timeouts) and the
/// statuses in `retryableStatuses` — by default 502, 503 and 504, which gateways and an overloaded
/// server send for conditions that pass. **500 is not retried by default**: it usually means the
/// server failed on this very request and will fail the same way again; the next `dsync sync` tries
/// anyway. Never retried: any 4xx (the request itself is wrong), TLS failures, insecure URLs.
/// A `Retry-After: <seconds>` header on a retried status raises the wait to that value (still at
/// most `maxDelay`).
///
/// Retrying re-sends the same request, so use it only for idempotent exchanges — the sync protocol's
/// are: a push is keyed by its batch id and a re-sent batch gets the stored answer.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included (1 = no retries).
    public var maxAttempts: Int
    /// The backoff cap before the first retry; doubles with each further retry.
    public var baseDelay: Duration
    /// The backoff cap never grows past this.
    public var maxDelay: Duration
    /// Response statuses worth another attempt; only 5xx are allowed.
    public var retryableStatuses: Set<Int>

    public init(
        maxAttempts: Int = 5, baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(30),
        retryableStatuses: Set<Int> = [502, 503, 504]
    ) {
        precondition(maxAttempts >= 1, "RetryPolicy needs at least one attempt")
        precondition(retryableStatuses.allSatisfy { (500..<600).contains($0) }, "only 5xx statuses may be retried")
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.retryableStatuses = retryableStatuses
    }

    /// Five attempts, 1 s doubling to at most 30 s, retrying 502/503/504.
    public static let standard = RetryPolicy()
    /// One attempt, no retries.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The upper bound of the wait before retry `n` (1 = the retry after the first failure).
    public func backoffCap(beforeRetry n: Int) -> Duration {
        let doublings = min(max(n - 1, 0), 40)
        let cap = baseDelay * (Int64(1) << doublings)
        return min(cap, maxDelay)
    }

    /// The wait before retry `n`: `backoffCap × unit` (`unit` in `0 ..< 1`), raised to `retryAfter`
    /// when given, never above `maxDelay`.
    public func delay(beforeRetry n: Int, unit: Double, retryAfter: Duration? = nil) -> Duration {
        let jittered = backoffCap(beforeRetry: n) * min(max(unit, 0), 1)
        return min(max(jittered, retryAfter ?? .zero), maxDelay)
    }

    /// Runs `operation` until it gives a response that is not a retryable status, throws an error
    /// that is not a retryable `TransportError`, or `maxAttempts` are used up. Then the last response
    /// is returned (even a 503 — the caller says what it means) or the last error thrown.
    ///
    /// Generic over the error so that an unannotated closure (`{ try transport.send(r) }`, inferred
    /// as throwing `any Error`) works; with `{ () throws(TransportError) in … }` the call stays typed.
    ///
    /// - Parameters:
    ///   - sleep: waits between attempts (blocking; inject a no-op in tests).
    ///   - random: a uniform number in `0 ..< 1` for the jitter (inject a constant in tests).
    ///   - onRetry: told before each wait, e.g. to print a progress line.
    public func run<Failure: Error>(
        sleep: (Duration) -> Void = RetryPolicy.blockingSleep,
        random: () -> Double = { Double.random(in: 0..<1) },
        onRetry: (RetryEvent) -> Void = { _ in },
        _ operation: () throws(Failure) -> HTTPResponse
    ) throws(Failure) -> HTTPResponse {
        var attempt = 1
        while true {
            let cause: RetryEvent.Cause
            var retryAfter: Duration?
            do throws(Failure) {
                let response = try operation()
                guard retryableStatuses.contains(response.status), attempt < maxAttempts else { return response }
                cause = .status(response.status)
                retryAfter = response.header("retry-after").flatMap { Int($0.trimmingSpaces) }.map { .seconds(max(0, $0)) }
            } catch {
                guard let transportError = error as? TransportError, transportError.isRetryable, attempt < maxAttempts else { throw error }
                cause = .transport(transportError)
            }
            let wait = delay(beforeRetry: attempt, unit: random(), retryAfter: retryAfter)
            onRetry(RetryEvent(attempt: attempt, maxAttempts: maxAttempts, delay: wait, cause: cause))
            sleep(wait)
            attempt += 1
        }
    }

    /// Blocks the calling thread for `duration` (`nanosleep`, resumed after signals).
    public static func blockingSleep(_ duration: Duration) {
        guard duration > .zero else { return }
        let (seconds, attoseconds) = duration.components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) == -1 && errno == EINTR { request = remaining }
    }
}

extension String {
    fileprivate var trimmingSpaces: Substring {
        let s = drop { $0 == " " || $0 == "\t" }
        return s.prefix { $0 != " " && $0 != "\t" }
    }
}
