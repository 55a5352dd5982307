import Glibc

/// Bytes → String, refusing invalid UTF-8 (never U+FFFD). Uses the standard library's fast contiguous decoder,
/// then checks the result is byte-identical to the input (a replacement would change the bytes).
enum StrictUTF8 {
    @inline(__always)
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return "" }
        var s = String(decoding: bytes, as: UTF8.self)
        let same = s.withUTF8 { u in u.count == bytes.count && (u.baseAddress.map { memcmp($0, base, bytes.count) == 0 } ?? false) }
        return same ? s : nil
    }

    static func string(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { string($0) }
    }
}
