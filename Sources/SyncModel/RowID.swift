/// Primary keys generated offline without coordination: UUIDv7 (RFC 9562), time-ordered so inserts
/// append to the index, written lowercase `xxxxxxxx-xxxx-7xxx-yxxx-xxxxxxxxxxxx`.
public enum RowID {
    /// A new UUIDv7 for the given wall-clock time, with 74 random bits from the system generator.
    public static func generate(wallMillis: Int64 = WallClock.nowMillis()) -> String {
        var g = SystemRandomNumberGenerator()
        return format(wallMillis: wallMillis, randomHigh: g.next(), randomLow: g.next())
    }

    /// Formats a UUIDv7 from its timestamp and random bits (version and variant bits are overwritten).
    public static func format(wallMillis: Int64, randomHigh: UInt64, randomLow: UInt64) -> String {
        let digits: StaticString = "0123456789abcdef"
        let ms = UInt64(max(0, wallMillis)) & 0xffff_ffff_ffff
        let hi = (ms << 16) | 0x7000 | (randomHigh & 0x0fff)
        let lo = (randomLow & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000
        return String(unsafeUninitializedCapacity: 36) { buf in
            digits.withUTF8Buffer { d in
                var n = 0
                func put(_ v: UInt64, nibbles: Int) {
                    for k in stride(from: nibbles - 1, through: 0, by: -1) {
                        buf[n] = d[Int((v >> (UInt64(k) * 4)) & 0xf)]
                        n += 1
                    }
                }
                put(hi >> 32, nibbles: 8); buf[n] = 45; n += 1
                put((hi >> 16) & 0xffff, nibbles: 4); buf[n] = 45; n += 1
                put(hi & 0xffff, nibbles: 4); buf[n] = 45; n += 1
                put(lo >> 48, nibbles: 4); buf[n] = 45; n += 1
                put(lo & 0xffff_ffff_ffff, nibbles: 12)
            }
            return 36
        }
    }

    /// Whether `s` looks like a UUID (any version), the shape every row id must have.
    public static func isValid(_ s: String) -> Bool {
        guard s.utf8.count == 36 else { return false }
        var i = -1
        for c in s.utf8 {  // not `enumerated()`: its iterator over a UTF8View is not inlined (a push's precheck)
            i += 1
            switch i {
            case 8, 13, 18, 23: if c != 45 { return false }
            default: if !((48...57).contains(c) || (97...102).contains(c)) { return false }
            }
        }
        return true
    }
}

/// Fast row-id generation for bulk inserts: a xoshiro256** stream seeded once from the system
/// generator (ids must be unique, not secret), so a million ids cost no system calls.
///
/// Ids of the same millisecond are monotonic (RFC 9562 §6.2, method 2 with random increments): the
/// first takes 73 random bits, each next one adds a random step of 1…2³² to them. A bulk insert, whose rows
/// share one clock reading, therefore appends to the `id` index instead of inserting at random places.
public struct RowIDGenerator: Sendable {
    private var s: (UInt64, UInt64, UInt64, UInt64)
    private var millis: Int64 = -1
    /// The 74 bits after the timestamp: 12 (`rand_a`) and 62 (`rand_b`).
    private var high: UInt64 = 0, low: UInt64 = 0

    public init() {
        var g = SystemRandomNumberGenerator()
        s = (g.next(), g.next(), g.next(), g.next() | 1)
    }

    private mutating func next() -> UInt64 {
        let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
        let t = s.1 << 17
        s.2 ^= s.0; s.3 ^= s.1; s.1 ^= s.2; s.0 ^= s.3; s.2 ^= t
        s.3 = s.3 << 45 | s.3 >> 19
        return result
    }

    private mutating func reseed(_ wallMillis: Int64) {
        millis = wallMillis
        high = next() & 0x07ff  // top bit clear: room for 2^73 of increments before a carry runs out
        low = next() & 0x3fff_ffff_ffff_ffff
    }

    /// A new UUIDv7 for `wallMillis`, greater than the previous one of the same millisecond.
    public mutating func generate(wallMillis: Int64) -> String {
        if wallMillis != millis {
            reseed(wallMillis)
        } else {
            low += (next() >> 32) | 1
            if low > 0x3fff_ffff_ffff_ffff {
                low &= 0x3fff_ffff_ffff_ffff
                high += 1
                if high > 0x0fff { reseed(wallMillis) }  // never in practice; still unique, no longer ordered
            }
        }
        return RowID.format(wallMillis: wallMillis, randomHigh: high, randomLow: low)
    }
}
