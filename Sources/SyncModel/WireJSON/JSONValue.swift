/// A parsed JSON value (the wire codec's intermediate form).
enum JSONValue {
    case null
    case bool(Bool)
    case integer(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }
}

/// Why wire JSON could not be read: where and what.
public struct WireJSONError: Error, Sendable, CustomStringConvertible {
    public let description: String
}
