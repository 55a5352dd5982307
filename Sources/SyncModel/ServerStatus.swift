/// `GET /v1/status`.
public struct ServerStatus: Sendable, Hashable, Codable {
    public struct Office: Sendable, Hashable, Codable {
        public var office: String
        public var name: String
        /// Unix milliseconds of the last push or pull, nil if never.
        public var lastSync: Int64?
        public var replicas: Int

        public init(office: String, name: String, lastSync: Int64?, replicas: Int) {
            self.office = office
            self.name = name
            self.lastSync = lastSync
            self.replicas = replicas
        }

        enum CodingKeys: String, CodingKey { case office, name, lastSync = "last_sync", replicas }
    }

    public var protocolVersion: Int
    public var schemaVersion: Int
    /// Position of the last change in the server log.
    public var logPosition: Int64
    public var conflicts: Int
    public var offices: [Office]

    public init(protocolVersion: Int, schemaVersion: Int, logPosition: Int64, conflicts: Int, offices: [Office]) {
        self.protocolVersion = protocolVersion
        self.schemaVersion = schemaVersion
        self.logPosition = logPosition
        self.conflicts = conflicts
        self.offices = offices
    }

    enum CodingKeys: String, CodingKey {
        case protocolVersion = "protocol_version", schemaVersion = "schema_version", logPosition = "log_position", conflicts, offices
    }
}
