public import Domain

/// What an office may read and write, from the reference registry: an office writes only rows it owns;
/// it reads every row of its district; the city reads everything.
public struct OfficeScope: Sendable, Hashable {
    public let office: String
    /// The county-level unit (区县) the office belongs to; nil for the city or province.
    public let district: String?

    /// The scope of `office`, or nil when the registry does not know it.
    public init?(office: String, units: [OrgUnitSeed]) {
        let byCode = Dictionary(units.map { ($0.unitCode, $0) }, uniquingKeysWith: { a, _ in a })
        guard var unit = byCode[office] else { return nil }
        self.office = office
        var district: String?
        while true {
            if unit.kind == "区县" { district = unit.unitCode; break }
            guard let p = unit.parentCode, let parent = byCode[p] else { break }
            unit = parent
        }
        self.district = district
    }

    /// Whether the office reads every district (the city or the province).
    public var readsEverything: Bool { district == nil }
}
