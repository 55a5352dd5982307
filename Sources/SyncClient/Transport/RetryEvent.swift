/// One retry about to happen, as `RetryPolicy.run` reports it: which attempt failed, why, and how
/// long it waits before the next. `description` is a Chinese progress line for the clerk.
public struct RetryEvent: Sendable, CustomStringConvertible {
    /// Why the attempt did not count.
    public enum Cause: Sendable {
        /// No usable response (connection failed or lost, timed out).
        case transport(TransportError)
        /// A response with a retryable status (e.g. 503).
        case status(Int)
    }

    /// The attempt that just failed, from 1.
    public let attempt: Int
    public let maxAttempts: Int
    /// The wait before the next attempt.
    public let delay: Duration
    public let cause: Cause

    public init(attempt: Int, maxAttempts: Int, delay: Duration, cause: Cause) {
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.delay = delay
        self.cause = cause
    }

    /// A short Chinese reason, e.g. `服务器暂时不可用（HTTP 503）`.
    public var reason: String {
        switch cause {
        case .transport(let error) where error.kind == .timedOut: "网络超时"
        case .transport(let error) where error.kind == .connectionLost: "连接中断"
        case .transport: "无法连接服务器"
        case .status(let status): "服务器暂时不可用（HTTP \(status)）"
        }
    }

    /// E.g. `第 1/5 次尝试失败：服务器暂时不可用（HTTP 503），2.5 秒后重试…`.
    public var description: String {
        let (seconds, attoseconds) = delay.components
        let tenths = Int(attoseconds / 100_000_000_000_000_000)
        let wait = tenths == 0 ? "\(seconds)" : "\(seconds).\(tenths)"
        return "第 \(attempt)/\(maxAttempts) 次尝试失败：\(reason)，\(wait) 秒后重试…"
    }
}
