/// A closed list of values a field may take (stored as the Chinese value itself).
public struct CodeList: Sendable, Hashable {
    public let name: String
    public let values: [String]

    public init(_ name: String, _ values: [String]) {
        self.name = name
        self.values = values
    }

    public func contains(_ value: String) -> Bool { values.contains(value) }
}
