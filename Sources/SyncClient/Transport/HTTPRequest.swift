/// One HTTP request for `CurlTransport`: what to send, nothing about how.
///
/// The transport adds `User-Agent`, `Accept-Encoding: gzip` and an empty `Expect:` itself; a caller's
/// `Expect` or `Accept-Encoding` header is ignored. A body without a `Content-Type` header is sent as
/// `application/octet-stream` (never libcurl's form default). Compressing the body is the caller's job
/// (`Gzip.compress` plus a `Content-Encoding: gzip` header).
public struct HTTPRequest: Sendable {
    /// The method token, e.g. `GET`, `POST`.
    public var method: String
    /// An absolute `https://` URL (or `http://` to a loopback host; see `CurlTransport.Options.allowInsecureHTTP`).
    public var url: String
    /// Header fields in the order they are sent; a name may repeat.
    public var headers: [(name: String, value: String)]
    /// The body, or `nil` for none.
    public var body: [UInt8]?

    public init(method: String = "GET", url: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// A `GET` of `url`.
    public static func get(_ url: String, headers: [(name: String, value: String)] = []) -> HTTPRequest {
        HTTPRequest(method: "GET", url: url, headers: headers)
    }

    /// A `POST` of `body` to `url`.
    public static func post(_ url: String, headers: [(name: String, value: String)] = [], body: [UInt8]) -> HTTPRequest {
        HTTPRequest(method: "POST", url: url, headers: headers, body: body)
    }
}
