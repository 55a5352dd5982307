/// One captured change to one merge unit of one row: the thing replicas and the server exchange.
///
/// `unit` is a column or column-group name, `*` for a row's creation or `-` for its deletion. `values`
/// holds the unit's columns (for `*`, the row's columns that are not null — a column left out is null;
/// for `-`, nothing).
/// `base` is the change whose value this one replaced when it was made (nil: built on the row's
/// creation); a deletion lists in `seen` the change it saw last for each unit. These links tell a
/// concurrent loser (nobody built on it) from a value that was knowingly replaced.
public struct Change: Sendable, Hashable, Codable {
    public var table: String
    public var rowID: String
    public var unit: String
    public var values: CellValues
    public var clock: HybridTimestamp
    public var site: SiteID
    /// The office whose replica made the change.
    public var office: String
    public var base: ChangeID?
    public var seen: [String: ChangeID]?
    /// Open conflicts of this cell the editor saw when making the change: they count as resolved.
    public var resolves: [ChangeID]?

    public init(
        table: String, rowID: String, unit: String, values: CellValues, clock: HybridTimestamp, site: SiteID,
        office: String = "", base: ChangeID? = nil, seen: [String: ChangeID]? = nil, resolves: [ChangeID]? = nil
    ) {
        self.table = table
        self.rowID = rowID
        self.unit = unit
        self.values = values
        self.clock = clock
        self.site = site
        self.office = office
        self.base = base
        self.seen = seen
        self.resolves = resolves
    }

    enum CodingKeys: String, CodingKey {
        case table, rowID = "row", unit, values, clock, site, office, base, seen, resolves
    }

    public enum Kind: Sendable { case insert, update, delete }

    public var kind: Kind {
        switch unit {
        case "*": .insert
        case "-": .delete
        default: .update
        }
    }

    public var id: ChangeID { ChangeID(clock: clock, site: site) }

    /// The merge rule: the greater `(clock, site)` wins. Total, so every replica picks the same winner
    /// whatever order changes arrive in.
    public func wins(over clock: HybridTimestamp, site: SiteID) -> Bool {
        (self.clock, self.site.hex) > (clock, site.hex)
    }

    /// Whether every real value is finite (JSON has no NaN or infinity).
    public var hasFiniteValues: Bool {
        values.values.allSatisfy { if case .real(let d) = $0 { d.isFinite } else { true } }
    }
}
