#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import GzipCodec
import Hummingbird
import NIOCore
import SyncModel

/// One answer before it goes on the wire: a status and a JSON body.
///
/// Every response is `application/json; charset=utf-8` and carries `DistrictSync-Protocol`; a body over
/// ``gzipThreshold`` is gzip'd when the client accepts it.
struct JSONReply: Sendable {
    /// Bodies smaller than this go out as they are: gzip would save little and cost a round of zlib.
    static let gzipThreshold = 1024

    var status: HTTPResponse.Status
    var json: [UInt8]
    /// The stable code of a refusal (for the log), nil for a success.
    var code: String?
    var extraHeaders: HTTPFields = [:]
    /// The body's media type (the operators' pages send HTML and Prometheus text through the same path).
    var contentType = "application/json; charset=utf-8"
    /// Whether `json` holds the body gzip'd already (`compressed(level:)`).
    private(set) var isGzipped = false

    /// A 200 with `value` encoded. Throws when `value` cannot be encoded (e.g. a non-finite real).
    static func ok(_ value: some Encodable) throws -> JSONReply {
        JSONReply(status: .ok, json: Array(try JSONEncoder().encode(value)))
    }

    /// The failure's status and its `ErrorBody`; an out-of-range status becomes a 500.
    init(failure: SyncFailure) {
        let failure = (400...599).contains(failure.status) ? failure : .internalError
        self.status = HTTPResponse.Status(code: failure.status)
        // ErrorBody is two strings: encoding cannot fail.
        self.json = (try? Array(JSONEncoder().encode(failure.body))) ?? Array(#"{"code":"server.internal","message":""}"#.utf8)
        self.code = failure.body.code
    }

    init(status: HTTPResponse.Status, json: [UInt8], code: String? = nil) {
        self.status = status
        self.json = json
        self.code = code
    }

    /// This reply with its body gzip'd at `level` when the body is large enough.
    func compressed(level: Int32) -> JSONReply {
        guard !isGzipped, json.count > Self.gzipThreshold else { return self }
        var reply = self
        reply.json = Gzip.compress(json, level: level)
        reply.isGzipped = true
        return reply
    }

    /// The Hummingbird response, gzip'd at `level` when `gzip` is allowed and the body is large enough.
    /// A body gzip'd already goes out as it is (only ever for a request that accepts gzip).
    func response(gzip: Bool, level: Int32 = LinkCompression.defaultLevel) -> Response {
        let reply = gzip ? compressed(level: level) : self
        var headers = extraHeaders
        headers[.contentType] = contentType
        headers[.syncProtocol] = String(SyncProtocol.version)
        headers[.vary] = "Accept-Encoding"
        if reply.isGzipped { headers[.contentEncoding] = "gzip" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.json)))
    }
}
