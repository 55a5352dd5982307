extension CreditCode {
    /// Whether `text` is a code in canonical form — exactly what ``init(rawValue:)`` accepts (18 characters
    /// of ``alphabet``, positions 3–8 digits, both check characters right) — decided on its UTF-8 bytes
    /// with no allocation: the importer's per-cell fast path.
    public static func isCanonical(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isCanonical($0) }
    }

    /// ``isCanonical(_:)`` on UTF-8 bytes.
    public static func isCanonical(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 18 else { return false }
        var sum = 0, organisationSum = 0
        for i in 0..<17 {
            let value = Int(canonicalValues[Int(bytes[i])])
            if value < 0 { return false }
            if i >= 2, i < 8, value > 9 { return false }
            sum += value * weights[i]
            if i >= 8, i < 16 { organisationSum += organisationValue(of: bytes[i])! * organisationWeights[i - 8] }
        }
        guard Int(canonicalValues[Int(bytes[17])]) >= 0, canonicalAlphabet[(31 - sum % 31) % 31] == bytes[17] else { return false }
        let organisationCheck: UInt8 = switch 11 - organisationSum % 11 {
        case 10: UInt8(ascii: "X")
        case 11: UInt8(ascii: "0")
        case let digit: UInt8(ascii: "0") + UInt8(digit)
        }
        return organisationCheck == bytes[16]
    }

    /// Byte → value in the alphabet (0–30), −1 for any other byte.
    private static let canonicalValues: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (i, b) in "0123456789ABCDEFGHJKLMNPQRTUWXY".utf8.enumerated() { table[Int(b)] = Int8(i) }
        return table
    }()

    private static let canonicalAlphabet: [UInt8] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
}
