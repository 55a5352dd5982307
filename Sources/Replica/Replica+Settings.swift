internal import SQLiteDB

/// Where and as whom this replica syncs.
public struct SyncSettings: Sendable, Hashable {
    public var server: String?
    public var token: String?

    public init(server: String? = nil, token: String? = nil) {
        self.server = server
        self.token = token
    }
}

extension Replica {
    /// The stored server URL and access token (the token is the office's credential: keep the replica file
    /// as private as the token).
    public func syncSettings() throws -> SyncSettings {
        let meta = try ReplicaMeta.read(db)
        return SyncSettings(server: meta["server"]?.text, token: meta["token"]?.text)
    }

    /// Stores the server URL and/or token (nil leaves a value as it is).
    public func setSyncSettings(_ s: SyncSettings) throws {
        var values: [String: SQLValue] = [:]
        if let server = s.server { values["server"] = .text(server) }
        if let token = s.token { values["token"] = .text(token) }
        try db.transaction { try ReplicaMeta.write(db, values) }
    }

    /// Unix milliseconds of the last completed push and pull (nil if never).
    public func lastSync() throws -> (push: Int64?, pull: Int64?) {
        let meta = try ReplicaMeta.read(db)
        return (meta["last_push_at"]?.integer, meta["last_pull_at"]?.integer)
    }
}
