/// Columns that only make sense together (amount + unit, start + end date, pool + stage).
///
/// A group is captured and merged as one unit: a concurrent edit never pairs one office's start date
/// with another office's end date.
public struct ColumnGroup: Sendable, Hashable {
    public let name: String
    public let columns: [String]

    public init(_ name: String, _ columns: [String]) {
        self.name = name
        self.columns = columns
    }
}
