/// A push request's wire JSON written change by change: exactly the bytes `WireJSON.encode(PushRequest)`
/// gives for the same request, so a replica can write the creations of a bulk import straight from its
/// columns instead of building a `Change` (and a `String` per value) for each row only to encode it.
///
/// A creation is `beginCreation`, then its non-null values in `CellValues` order (UTF-8 byte order of the
/// column names), then `endCreation`.
public struct PushBodyWriter {
    private var w: JSONWriter
    /// Changes written so far.
    public private(set) var count = 0
    private var valuesInCreation = 0

    public init(batchID: String, replica: SiteID, seq: Int64, capacity: Int = 1 << 16) {
        w = JSONWriter(capacity: capacity)
        w.raw("{\"batch_id\":"); w.string(batchID)
        w.raw(",\"replica\":"); w.string(replica.hex)
        w.raw(",\"seq\":"); w.integer(seq)
        w.raw(",\"changes\":[")
    }

    /// The bytes of `"name":` for a column, made once per batch and passed to the value writers.
    public static func memberPrefix(_ name: String) -> [UInt8] {
        var p = JSONWriter(capacity: name.utf8.count + 4)
        p.string(name)
        p.bytes.append(0x3a)
        return p.bytes
    }

    /// Appends a whole change.
    public mutating func append(_ change: Change) {
        if count > 0 { w.bytes.append(0x2c) }
        w.change(change)
        count += 1
    }

    /// Starts a creation (unit `*`) of row `rowID` in `table`.
    public mutating func beginCreation(table: String, rowID: UnsafeBufferPointer<UInt8>) {
        if count > 0 { w.bytes.append(0x2c) }
        w.raw("{\"table\":"); w.string(table)
        w.raw(",\"row\":"); text(rowID)
        w.raw(",\"unit\":\"*\",\"values\":{")
        valuesInCreation = 0
    }

    /// A text value; bytes that are not valid UTF-8 are written as Swift decodes them (U+FFFD for each
    /// bad sequence), as a `String` read from the same column would be.
    public mutating func text(_ prefix: [UInt8], _ utf8: UnsafeBufferPointer<UInt8>) {
        member(prefix)
        text(utf8)
    }

    public mutating func integer(_ prefix: [UInt8], _ value: Int64) {
        member(prefix)
        w.integer(value)
    }

    /// Any value (the writers above are the fast paths).
    public mutating func cell(_ prefix: [UInt8], _ value: CellValue) {
        member(prefix)
        w.cell(value)
    }

    public mutating func endCreation(clock: HybridTimestamp, site: SiteID, office: String) {
        w.raw("},\"clock\":"); w.integer(clock.rawValue)
        w.raw(",\"site\":"); w.string(site.hex)
        w.raw(",\"office\":"); w.string(office)
        w.raw("}")
        count += 1
    }

    /// The finished body.
    public mutating func finish() -> [UInt8] {
        w.raw("]}")
        return w.bytes
    }

    private mutating func member(_ prefix: [UInt8]) {
        if valuesInCreation > 0 { w.bytes.append(0x2c) }
        valuesInCreation += 1
        w.bytes.append(contentsOf: prefix)
    }

    private mutating func text(_ utf8: UnsafeBufferPointer<UInt8>) {
        if UTF8Validation.isValid(utf8) {
            w.string(utf8: utf8)
        } else {
            w.string(String(decoding: utf8, as: UTF8.self))
        }
    }
}

/// Whether bytes are well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF).
enum UTF8Validation {
    static func isValid(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let need: Int, lo: UInt8, hi: UInt8
            switch c {
            case 0xc2...0xdf: (need, lo, hi) = (1, 0x80, 0xbf)
            case 0xe0: (need, lo, hi) = (2, 0xa0, 0xbf)
            case 0xe1...0xec, 0xee...0xef: (need, lo, hi) = (2, 0x80, 0xbf)
            case 0xed: (need, lo, hi) = (2, 0x80, 0x9f)
            case 0xf0: (need, lo, hi) = (3, 0x90, 0xbf)
            case 0xf1...0xf3: (need, lo, hi) = (3, 0x80, 0xbf)
            case 0xf4: (need, lo, hi) = (3, 0x80, 0x8f)
            default: return false
            }
            guard i + need < n, (lo...hi).contains(b[i + 1]) else { return false }
            for k in 2...max(2, need) where k <= need {
                guard (0x80...0xbf).contains(b[i + k]) else { return false }
            }
            i += need + 1
        }
        return true
    }
}
