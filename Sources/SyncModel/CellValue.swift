/// A value carried in a change: the storage classes DistrictSync tables use (no blobs).
///
/// JSON form: `null`, a number for integers, `{"r": 1.5}` for reals (so integers never turn into
/// floats on the way), a string for text.
public enum CellValue: Sendable, Hashable, Codable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null; return }
        if let i = try? c.decode(Int64.self) { self = .integer(i); return }
        if let s = try? c.decode(String.self) { self = .text(s); return }
        let r = try c.decode([String: Double].self)
        guard let d = r["r"], r.count == 1 else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "a cell value is null, an integer, a string or {\"r\": number}")
        }
        self = .real(d)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .integer(let i): try c.encode(i)
        case .text(let s): try c.encode(s)
        case .real(let d): try c.encode(["r": d])
        }
    }
}
