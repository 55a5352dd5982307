/// Finds where a JSON string's plain run ends — the first `"`, `\` or control character (< 0x20) — eight
/// bytes at a time (SWAR), for the writer's escaping and the parser's strings. Text values are most of a
/// change's bytes and almost never need escaping, so both used to spend their time in a byte loop here.
enum JSONScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The index of the first byte of `buf` at or after `start` that is `"` (0x22), `\` (0x5c) or below
    /// 0x20; `buf.count` when there is none.
    @inline(__always)
    static func plainEnd(_ buf: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        let n = buf.count
        if let base = buf.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= n {
                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // A byte below 0x20: (x - 0x20…) & ~x & 0x80…; a byte equal to c: the same test for zero on x ^ c….
                let control = (x &- 0x20 &* ones) & ~x & highs
                let q = x ^ (0x22 &* ones), s = x ^ (0x5c &* ones)
                let quote = (q &- ones) & ~q & highs
                let slash = (s &- ones) & ~s & highs
                if control | quote | slash != 0 { break }
                i += 8
            }
        }
        while i < n {
            let c = buf[i]
            if c < 0x20 || c == 0x22 || c == 0x5c { return i }
            i += 1
        }
        return n
    }
}
