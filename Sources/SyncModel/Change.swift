/// One captured change to one merge unit of one row: the thing replicas exchange.
///
/// `unit` is a column or column-group name, `*` for a row's creation (carrying all its columns) or `-`
/// for its deletion. `values` holds the unit's columns (for `*`, every column; for `-`, nothing).
public struct Change: Sendable, Hashable, Codable {
    public var table: String
    public var rowID: String
    public var unit: String
    public var values: [String: CellValue]
    public var clock: HybridTimestamp
    public var site: SiteID

    public init(table: String, rowID: String, unit: String, values: [String: CellValue], clock: HybridTimestamp, site: SiteID) {
        self.table = table
        self.rowID = rowID
        self.unit = unit
        self.values = values
        self.clock = clock
        self.site = site
    }

    public enum Kind: Sendable { case insert, update, delete }

    public var kind: Kind {
        switch unit {
        case "*": .insert
        case "-": .delete
        default: .update
        }
    }

    /// The merge rule: the greater `(clock, site)` wins. Total, so every replica picks the same winner
    /// whatever order changes arrive in.
    public func wins(over clock: HybridTimestamp, site: SiteID) -> Bool {
        (self.clock, self.site.hex) > (clock, site.hex)
    }
}
