/// The checksum of a pulled batch (`SyncProtocol.checksum`), built one change at a time: CRC-32 over
/// `table|row|unit|clock|site\n` per change. A store that sends stored change bytes builds it from the
/// feed's columns without decoding the changes.
public struct BatchChecksum: Sendable {
    private var crc: UInt32 = 0

    public init() {}

    /// Adds one change's line.
    public mutating func add(table: String, row: String, unit: String, clock: Int64, site: String) {
        var line: [UInt8] = []
        line.reserveCapacity(table.utf8.count + row.utf8.count + unit.utf8.count + site.utf8.count + 25)
        line.append(contentsOf: table.utf8)
        line.append(UInt8(ascii: "|"))
        line.append(contentsOf: row.utf8)
        line.append(UInt8(ascii: "|"))
        line.append(contentsOf: unit.utf8)
        line.append(UInt8(ascii: "|"))
        line.append(contentsOf: String(clock).utf8)
        line.append(UInt8(ascii: "|"))
        line.append(contentsOf: site.utf8)
        line.append(UInt8(ascii: "\n"))
        crc = CRC32.checksum(line, initial: crc)
    }

    /// Adds `change`'s line.
    public mutating func add(_ change: Change) {
        add(table: change.table, row: change.rowID, unit: change.unit, clock: change.clock.rawValue, site: change.site.hex)
    }

    /// 8 lowercase hex digits.
    public var hex: String {
        let s = String(crc, radix: 16)
        return String(repeating: "0", count: 8 - s.count) + s
    }
}
