public import SQLiteDB
public import SyncModel

extension CellValue {
    /// The SQLite value this cell value is stored as.
    public var sqlValue: SQLValue {
        switch self {
        case .null: .null
        case .integer(let i): .integer(i)
        case .real(let d): .real(d)
        case .text(let s): .text(s)
        }
    }

    /// The cell value for a stored SQLite value (blobs, which no catalog type uses, become hex text).
    public init(_ v: SQLValue) {
        switch v {
        case .null: self = .null
        case .integer(let i): self = .integer(i)
        case .real(let d): self = .real(d)
        case .text(let s): self = .text(s)
        case .blob: self = .text(v.description)
        }
    }
}

extension Database {
    /// Decodes a history `value` (a JSON object) into column → value with SQLite's own JSON reader, so
    /// integers stay integers.
    public func decodeValues(_ json: String?) throws -> CellValues {
        guard let json else { return [:] }
        var out = CellValues()
        for row in try query("SELECT key, value, type FROM json_each(?)", [.text(json)]) {
            guard let key = row[0].text else { continue }
            switch row[2].text {
            case "integer": out[key] = .integer(row[1].integer ?? 0)
            case "real": if case .real(let d) = row[1] { out[key] = .real(d) } else { out[key] = .null }
            case "text": out[key] = .text(row[1].text ?? "")
            case "true": out[key] = .integer(1)
            case "false": out[key] = .integer(0)
            default: out[key] = .null
            }
        }
        return out
    }
}
