import GzipCodec
import Hummingbird
import NIOCore
import SyncModel

/// Reading a request body with bounds: at most `SyncProtocol.maxCompressedBody` bytes off the wire and at
/// most `SyncProtocol.maxInflatedBody` once inflated, so a small hostile body can never fill memory.
extension Request {
    /// The body's bytes, inflated when `Content-Encoding: gzip`.
    func boundedBody() async throws -> [UInt8] {
        let encoding = headers[.contentEncoding]?.trimmingSpaces.lowercased() ?? "identity"
        guard ["gzip", "x-gzip", "identity", ""].contains(encoding) else { throw SyncFailure.unsupportedEncoding }
        if let declared = headers[.contentLength].flatMap({ Int($0.trimmingSpaces) }), declared > SyncProtocol.maxCompressedBody {
            throw SyncFailure.bodyTooLarge
        }
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: SyncProtocol.maxCompressedBody)
        } catch is NIOTooManyBytesError {
            throw SyncFailure.bodyTooLarge
        }
        let bytes = Array(buffer.readableBytesView)
        guard encoding == "gzip" || encoding == "x-gzip" else { return bytes }
        do throws(Gzip.Failure) {
            return try Gzip.decompress(bytes, limit: SyncProtocol.maxInflatedBody)
        } catch {
            switch error {
            case .corrupt: throw SyncFailure.badGzip
            case .tooLarge: throw SyncFailure.bodyTooLarge
            }
        }
    }
}
