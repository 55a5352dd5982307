/// The identity of one change: its clock reading and the site that made it. Unique, and totally
/// ordered by `(clock, site)` — the order the merge rule uses.
public struct ChangeID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var clock: HybridTimestamp
    public var site: SiteID

    public init(clock: HybridTimestamp, site: SiteID) {
        self.clock = clock
        self.site = site
    }

    public static func < (a: Self, b: Self) -> Bool { (a.clock, a.site.hex) < (b.clock, b.site.hex) }
    public var description: String { "\(clock)@\(site.hex.prefix(8))" }
}
