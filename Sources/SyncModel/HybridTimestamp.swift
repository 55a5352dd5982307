/// A hybrid logical clock reading: wall-clock milliseconds in the high 48 bits and a counter in the
/// low 16 bits, packed into one `Int64` so SQLite compares it as a plain integer.
///
/// Readings from one clock strictly increase; the order of two readings from different sites is the
/// order of `(timestamp, site)`, which is how the merge rule picks a winner.
public struct HybridTimestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: Int64

    /// Bits given to the logical counter.
    public static let counterBits = 16
    public static let maxCounter = Int64(1 << counterBits) - 1

    public init(rawValue: Int64) { self.rawValue = rawValue }

    public init(wallMillis: Int64, counter: Int64) {
        precondition(wallMillis >= 0 && counter >= 0 && counter <= Self.maxCounter)
        self.rawValue = wallMillis << Int64(Self.counterBits) | counter
    }

    /// The zero reading (older than every real one).
    public static let zero = HybridTimestamp(rawValue: 0)

    public var wallMillis: Int64 { rawValue >> Int64(Self.counterBits) }
    public var counter: Int64 { rawValue & Self.maxCounter }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    /// `wallMillis.counter`, e.g. `1719734400000.3`.
    public var description: String { "\(wallMillis).\(counter)" }
}
