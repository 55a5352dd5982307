/// Why an HTTP exchange did not produce a response: a stable kind, a Chinese message for the clerk,
/// the technical cause (libcurl's own text) and where it happened.
///
/// A response with any status code (even 500) is *not* a `TransportError`; this type covers only
/// "no usable response". Messages and causes never contain request bodies, query strings, header
/// values or proxy credentials.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    /// The category of failure; decides `isRetryable`.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Code: String, Sendable, Hashable {
            case connectionFailed = "connection_failed"
            case connectionLost = "connection_lost"
            case timedOut = "timed_out"
            case tlsFailed = "tls_failed"
            case insecureURL = "insecure_url"
            case invalidRequest = "invalid_request"
            case responseTooLarge = "response_too_large"
            case badResponse = "bad_response"
            case other
        }
        private let code: Code
        private init(_ code: Code) { self.code = code }

        /// The server (or proxy) could not be reached: refused, unreachable, name not resolved.
        public static let connectionFailed = Kind(.connectionFailed)
        /// The connection broke after it was made: reset, or closed before the whole response arrived.
        public static let connectionLost = Kind(.connectionLost)
        /// The connect timeout, the total timeout or the low-speed limit fired.
        public static let timedOut = Kind(.timedOut)
        /// TLS failed: untrusted or wrong certificate, handshake refused, unreadable CA file.
        public static let tlsFailed = Kind(.tlsFailed)
        /// A plain `http://` URL to a host that is not loopback; refused before any connection.
        public static let insecureURL = Kind(.insecureURL)
        /// The request itself is malformed: bad URL, unsupported scheme, bad method or header.
        public static let invalidRequest = Kind(.invalidRequest)
        /// The response body (raw or inflated) or its headers passed the configured limit.
        public static let responseTooLarge = Kind(.responseTooLarge)
        /// The server's answer could not be understood (not HTTP, corrupt gzip, unknown encoding).
        public static let badResponse = Kind(.badResponse)
        /// Anything else (out of memory, a libcurl setup failure).
        public static let other = Kind(.other)

        /// Stable machine-readable code, e.g. `transport.timed_out`.
        public var description: String { "transport.\(code.rawValue)" }
    }

    public let kind: Kind
    /// What the clerk reads (Chinese).
    public let message: String
    /// The technical cause, usually libcurl's error text; never personal data.
    public let cause: String?
    /// The libcurl result code (`CURLcode`), when libcurl reported the failure.
    public let curlCode: Int?
    /// Where: method and URL without user info or query, e.g. `POST https://sync.example.cn/v1/push`.
    public let target: String?

    public init(kind: Kind, message: String, cause: String? = nil, curlCode: Int? = nil, target: String? = nil) {
        self.kind = kind
        self.message = message
        self.cause = cause
        self.curlCode = curlCode
        self.target = target
    }

    /// Whether trying again later may help: connection failures, lost connections and timeouts.
    /// TLS, insecure-URL, invalid-request, too-large and bad-response failures repeat identically.
    public var isRetryable: Bool {
        kind == .connectionFailed || kind == .connectionLost || kind == .timedOut
    }

    public var description: String {
        var s = "\(message)（\(kind)"
        if let cause { s += "：\(cause)" }
        s += "）"
        if let target { s += " [\(target)]" }
        return s
    }

    /// The same error, stamped with where it happened.
    func at(_ target: String) -> TransportError {
        TransportError(kind: kind, message: message, cause: cause, curlCode: curlCode, target: target)
    }
}
