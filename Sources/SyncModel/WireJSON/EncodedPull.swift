/// A pull answer already in wire form (`PullResponse`'s JSON), built by splicing each change's stored
/// JSON from the feed instead of decoding and re-encoding it. The checksum is computed from the feed's
/// identity columns, which the store wrote from the same change as the bytes.
public struct EncodedPull: Sendable {
    /// The whole JSON body: `{"changes":[…],"cursor":…,"more":…,"checksum":"…"}`.
    public let json: [UInt8]
    /// How many changes it carries.
    public let count: Int
    public let cursor: Int64
    public let more: Bool
    public let checksum: String

    /// The wire form of a decoded answer (for stores and backends without stored bytes).
    public init(_ response: PullResponse) {
        json = WireJSON.encode(response)
        count = response.changes.count
        cursor = response.cursor
        more = response.more
        checksum = response.checksum
    }

    init(json: [UInt8], count: Int, cursor: Int64, more: Bool, checksum: String) {
        self.json = json
        self.count = count
        self.cursor = cursor
        self.more = more
        self.checksum = checksum
    }

    /// Builds an `EncodedPull` one stored change at a time.
    public struct Builder {
        private var w: JSONWriter
        private var sum = BatchChecksum()
        private var count = 0

        public init(capacity: Int = 1 << 16) {
            w = JSONWriter(capacity: capacity)
            w.raw("{\"changes\":[")
        }

        /// Appends one change: its stored JSON (`WireJSON.encode(change)`) and its identity, which must
        /// be the change's own (`table|row|unit|clock|site` of the checksum).
        public mutating func append(json: UnsafeRawBufferPointer, table: String, row: String, unit: String, clock: Int64, site: String) {
            if count > 0 { w.bytes.append(0x2c) }
            w.bytes.append(contentsOf: json)
            sum.add(table: table, row: row, unit: unit, clock: clock, site: site)
            count += 1
        }

        /// The finished answer.
        public consuming func finish(cursor: Int64, more: Bool) -> EncodedPull {
            let checksum = sum.hex
            w.raw("],\"cursor\":"); w.integer(cursor)
            w.raw(",\"more\":"); w.raw(more ? "true" : "false")
            w.raw(",\"checksum\":"); w.string(checksum)
            w.raw("}")
            return EncodedPull(json: w.bytes, count: count, cursor: cursor, more: more, checksum: checksum)
        }
    }
}
