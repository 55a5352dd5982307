import Glibc

/// Decodes XML character data: the five entities, `&#NNN;` / `&#xHH;` references and Office's `_xHHHH_`
/// escapes for characters XML cannot carry (`_x000D_` → CR; `_x005F_` escapes a literal underscore).
enum XMLText {
    /// The decoded string, or nil if the bytes are not UTF-8 or hold an unknown entity or invalid reference.
    static func decode(_ raw: UnsafeBufferPointer<UInt8>, entities: Bool = true) -> String? {
        guard let base = raw.baseAddress, raw.count > 0 else { return "" }
        let hasAmp = entities && memchr(base, 0x26, raw.count) != nil
        let hasEscape = memchr(base, 0x5F, raw.count) != nil
        if !hasAmp && !hasEscape { return StrictUTF8.string(raw) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        let n = raw.count
        while i < n {
            let b = raw[i]
            if b == 0x26, entities {
                guard let semi = (i + 1..<min(n, i + 12)).first(where: { raw[$0] == 0x3B }) else { return nil }
                let name = Array(raw[(i + 1)..<semi])
                switch name {
                case Array("lt".utf8): out.append(0x3C)
                case Array("gt".utf8): out.append(0x3E)
                case Array("amp".utf8): out.append(0x26)
                case Array("quot".utf8): out.append(0x22)
                case Array("apos".utf8): out.append(0x27)
                default:
                    guard name.first == 0x23, let scalar = reference(name.dropFirst()) else { return nil }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                }
                i = semi + 1
                continue
            }
            if b == 0x5F, i + 6 < n, raw[i + 1] == 0x78, raw[i + 6] == 0x5F,
               let code = hex(raw[(i + 2)..<(i + 6)]), let scalar = Unicode.Scalar(code) {
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                i += 7
                continue
            }
            out.append(b)
            i += 1
        }
        return StrictUTF8.string(out)
    }

    /// `#123` / `#x1F` (without the `#`) as a scalar.
    private static func reference(_ digits: ArraySlice<UInt8>) -> Unicode.Scalar? {
        if digits.first == 0x78 || digits.first == 0x58 { return hex(digits.dropFirst()).flatMap(Unicode.Scalar.init) }
        var v: UInt32 = 0
        guard !digits.isEmpty, digits.count <= 7 else { return nil }
        for d in digits {
            guard d >= 0x30, d <= 0x39 else { return nil }
            v = v * 10 + UInt32(d - 0x30)
        }
        return Unicode.Scalar(v)
    }

    private static func hex<C: Collection<UInt8>>(_ digits: C) -> UInt32? {
        guard !digits.isEmpty, digits.count <= 6 else { return nil }
        var v: UInt32 = 0
        for d in digits {
            let x: UInt8
            switch d {
            case 0x30...0x39: x = d - 0x30
            case 0x41...0x46: x = d - 0x41 + 10
            case 0x61...0x66: x = d - 0x61 + 10
            default: return nil
            }
            v = v << 4 | UInt32(x)
        }
        return v
    }
}
