import HTTPTypes
import SyncModel

extension HTTPField.Name {
    /// `DistrictSync-Protocol`: the protocol version, on every request and every response.
    static let syncProtocol = HTTPField.Name(SyncProtocol.versionHeader)!
    /// `DistrictSync-Schema`: the catalog version the client's replica is at.
    static let syncSchema = HTTPField.Name(SyncProtocol.schemaHeader)!
    /// The gzip level the client asks for its answer (`LinkCompression.levelHeader`).
    static let gzipLevel = HTTPField.Name(LinkCompression.levelHeader)!
    /// `Server-Timing` (W3C): on push answers, `recv;dur=MS`, how long the body took to arrive.
    static let serverTiming = HTTPField.Name("Server-Timing")!
}
