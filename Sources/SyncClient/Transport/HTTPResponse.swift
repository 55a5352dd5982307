/// A complete HTTP response as `CurlTransport` received it: status, headers, and the decoded body.
///
/// Any status is a response, not an error: mapping 4xx/5xx to meaning is the caller's job
/// (`RetryPolicy` decides which 5xx are worth another attempt).
public struct HTTPResponse: Sendable {
    /// The status code of the final response (e.g. 200, 503).
    public var status: Int
    /// Header fields, names lower-cased; repeated fields joined with `", "`. Kept as the server sent
    /// them, so `content-encoding: gzip` stays even though `body` is already inflated.
    public var headers: [String: String]
    /// The body, already inflated when the server sent `Content-Encoding: gzip`.
    public var body: [UInt8]
    /// Whether the body arrived gzip-compressed (and was inflated by the transport).
    public var wasGzipped: Bool
    /// How many body bytes crossed the wire (before inflating).
    public var wireBodyBytes: Int
    /// How fast the body arrived, in bytes per second on the wire; nil when it came in one piece.
    public var bodyBytesPerSecond: Double?

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = [], wasGzipped: Bool = false,
                wireBodyBytes: Int? = nil, bodyBytesPerSecond: Double? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.wasGzipped = wasGzipped
        self.wireBodyBytes = wireBodyBytes ?? body.count
        self.bodyBytesPerSecond = bodyBytesPerSecond
    }

    /// The value of header `name` (any case), if present.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }
}
