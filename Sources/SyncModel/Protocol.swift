/// The sync wire protocol, version 1 (specified in `Sync/PROTOCOL.md`): JSON bodies, gzip both ways.
public enum SyncProtocol {
    /// The protocol version this build speaks.
    public static let version = 1
    public static let versionHeader = "DistrictSync-Protocol"
    public static let schemaHeader = "DistrictSync-Schema"
    /// The error code (409) of a pushed batch that is not the replica's next one.
    public static let sequenceGapCode = "push.sequence_gap"
    /// Largest request body accepted, compressed (bytes).
    public static let maxCompressedBody = 8 << 20
    /// Largest request body accepted once inflated (bytes).
    public static let maxInflatedBody = 64 << 20
    /// Most changes in one push.
    public static let maxPushChanges = 5_000
    /// Most changes in one pull answer.
    public static let maxPullLimit = 5_000

    /// The checksum of a pulled batch: CRC-32 over one line per change,
    /// `table|row|unit|clock|site\n`, in batch order, as 8 lowercase hex digits.
    public static func checksum(_ changes: [Change]) -> String {
        var sum = BatchChecksum()
        for c in changes { sum.add(c) }
        return sum.hex
    }
}

/// `POST /v1/push`: a batch of one replica's changes, applied atomically.
public struct PushRequest: Sendable, Hashable, Codable {
    /// Client-chosen id of this batch (a UUID); re-sending it returns the stored answer.
    public var batchID: String
    /// The pushing replica's site id.
    public var replica: SiteID
    /// The replica's push sequence: 1, 2, 3, … with no gaps.
    public var seq: Int64
    public var changes: [Change]
    /// The wire form of each change, when the receiver prepared it ahead (`prepareWireChanges`): the
    /// server encodes a batch for its feed while the batch before it is being merged. Neither sent nor
    /// compared.
    public private(set) var wireChanges: [[UInt8]]?
    /// What the server's validator found in each change before the store's transaction (one per change,
    /// in order), when it checked the batch ahead. Neither sent nor compared.
    public var prechecks: [ChangePrecheck]?

    public init(batchID: String, replica: SiteID, seq: Int64, changes: [Change]) {
        self.batchID = batchID
        self.replica = replica
        self.seq = seq
        self.changes = changes
    }

    enum CodingKeys: String, CodingKey { case batchID = "batch_id", replica, seq, changes }

    /// Encodes every change but the creations now (`wireChange` then only looks them up). A SQLite store
    /// keeps a new row's creation as a reference to the row, not as bytes, and encodes the few creations it
    /// keeps whole when it stores them.
    public mutating func prepareWireChanges() { wireChanges = changes.map { $0.kind == .insert ? [] : WireJSON.encode($0) } }

    /// The wire form of change `i`: prepared, or encoded now.
    public func wireChange(_ i: Int) -> [UInt8] {
        if let wireChanges, wireChanges.count == changes.count, !wireChanges[i].isEmpty { return wireChanges[i] }
        return WireJSON.encode(changes[i])
    }

    public static func == (l: PushRequest, r: PushRequest) -> Bool {
        l.batchID == r.batchID && l.replica == r.replica && l.seq == r.seq && l.changes == r.changes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(batchID)
        hasher.combine(replica)
        hasher.combine(seq)
        hasher.combine(changes)
    }
}

/// One change the server refused, with the reason the clerk reads.
public struct Rejection: Sendable, Hashable, Codable {
    /// Position of the change in the pushed batch.
    public var index: Int
    public var table: String
    public var rowID: String
    public var unit: String
    /// Stable code, e.g. `scope.not_owner`.
    public var code: String
    /// Chinese, clerk-facing.
    public var reason: String

    public init(index: Int, table: String, rowID: String, unit: String, code: String, reason: String) {
        self.index = index
        self.table = table
        self.rowID = rowID
        self.unit = unit
        self.code = code
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case index, table, rowID = "row", unit, code, reason }
}

/// The answer to a push (stored, and returned again for a re-sent batch).
public struct PushResponse: Sendable, Hashable, Codable {
    public var batchID: String
    public var seq: Int64
    public var accepted: Int
    public var rejected: [Rejection]
    public var serverClock: HybridTimestamp

    public init(batchID: String, seq: Int64, accepted: Int, rejected: [Rejection], serverClock: HybridTimestamp) {
        self.batchID = batchID
        self.seq = seq
        self.accepted = accepted
        self.rejected = rejected
        self.serverClock = serverClock
    }

    enum CodingKeys: String, CodingKey { case batchID = "batch_id", seq, accepted, rejected, serverClock = "server_clock" }
}

/// `GET /v1/pull?after=CURSOR&limit=N`: changes in the caller's scope after the cursor.
public struct PullResponse: Sendable, Hashable, Codable {
    public var changes: [Change]
    /// The server log position of the last change returned (pass it as `after` next time).
    public var cursor: Int64
    /// Whether more changes remain after `cursor`.
    public var more: Bool
    /// `SyncProtocol.checksum(changes)`.
    public var checksum: String

    public init(changes: [Change], cursor: Int64, more: Bool) {
        self.changes = changes
        self.cursor = cursor
        self.more = more
        self.checksum = SyncProtocol.checksum(changes)
    }

    /// An answer as received, with the checksum the server sent (not recomputed).
    public init(changes: [Change], cursor: Int64, more: Bool, checksum: String) {
        self.changes = changes
        self.cursor = cursor
        self.more = more
        self.checksum = checksum
    }
}

/// Every 4xx/5xx answer: a stable code and a Chinese message that says what to do.
public struct ErrorBody: Sendable, Hashable, Codable, Error {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
