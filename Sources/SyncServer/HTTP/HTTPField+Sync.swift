import HTTPTypes
import SyncModel

extension HTTPField.Name {
    /// `DistrictSync-Protocol`: the protocol version, on every request and every response.
    static let syncProtocol = HTTPField.Name(SyncProtocol.versionHeader)!
    /// `DistrictSync-Schema`: the catalog version the client's replica is at.
    static let syncSchema = HTTPField.Name(SyncProtocol.schemaHeader)!
}
