/// The identity of one replica (or of the server): 16 random bytes written as 32 lowercase hex digits.
///
/// It breaks ties between equal clock readings, so it must be unique per replica file, never per office:
/// an office that re-creates its replica gets a new site id.
public struct SiteID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let hex: String

    /// Validates a 32-hex-digit site id.
    public init?(hex: String) {
        guard hex.utf8.count == 32, hex.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            return nil
        }
        self.hex = hex
    }

    /// A fresh random site id.
    public static func random() -> SiteID {
        var g = SystemRandomNumberGenerator()
        let bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &g) }
        return SiteID(hex: bytes.hexString)!
    }

    public static func < (a: Self, b: Self) -> Bool { a.hex < b.hex }
    public var description: String { hex }

    public init(from decoder: any Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let id = SiteID(hex: s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a 32-hex-digit site id"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(hex)
    }
}

extension Sequence<UInt8> {
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in self {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xf)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
