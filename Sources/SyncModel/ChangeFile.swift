/// A file of push batches carried by hand when an office's link is down (`dsync sync --export-changes`,
/// `dsync changes import`): gzip'd JSON. The batches keep their ids and sequence numbers, so importing
/// a file twice, or importing it and later syncing over the network, applies each change once.
public struct ChangeFile: Sendable, Hashable, Codable {
    public static let formatName = "districtsync-changes/1"
    public var format: String
    public var office: String
    public var replica: SiteID
    public var createdAt: Int64
    public var batches: [PushRequest]

    public init(office: String, replica: SiteID, createdAt: Int64, batches: [PushRequest]) {
        self.format = Self.formatName
        self.office = office
        self.replica = replica
        self.createdAt = createdAt
        self.batches = batches
    }

    enum CodingKeys: String, CodingKey { case format, office, replica, createdAt = "created_at", batches }
}
