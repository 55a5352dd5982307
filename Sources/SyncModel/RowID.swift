/// Primary keys generated offline without coordination: UUIDv7 (RFC 9562), time-ordered so inserts
/// append to the index, written lowercase `xxxxxxxx-xxxx-7xxx-yxxx-xxxxxxxxxxxx`.
public enum RowID {
    /// A new UUIDv7 for the given wall-clock time.
    public static func generate(wallMillis: Int64 = WallClock.nowMillis()) -> String {
        var g = SystemRandomNumberGenerator()
        var b = [UInt8](repeating: 0, count: 16)
        let ms = UInt64(max(0, wallMillis))
        for i in 0..<6 { b[i] = UInt8(truncatingIfNeeded: ms >> (8 * (5 - UInt64(i)))) }
        for i in 6..<16 { b[i] = UInt8.random(in: 0...255, using: &g) }
        b[6] = (b[6] & 0x0f) | 0x70  // version 7
        b[8] = (b[8] & 0x3f) | 0x80  // variant 10
        let h = b.hexString
        let u = Array(h.utf8)
        func part(_ r: Range<Int>) -> String { String(decoding: u[r], as: UTF8.self) }
        return "\(part(0..<8))-\(part(8..<12))-\(part(12..<16))-\(part(16..<20))-\(part(20..<32))"
    }

    /// Whether `s` looks like a UUID (any version), the shape every row id must have.
    public static func isValid(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 36 else { return false }
        for (i, c) in u.enumerated() {
            if [8, 13, 18, 23].contains(i) { if c != 45 { return false } } else if !((48...57).contains(c) || (97...102).contains(c)) { return false }
        }
        return true
    }
}
