/// The catalog of synced tables: the single definition the replica schema, the importer and the
/// reports all read. Changing a table here is a schema change (bump `schemaVersion`).
public struct Catalog: Sendable {
    /// The version of the table definitions. Replicas and servers refuse to sync across versions
    /// they do not know how to migrate.
    public let schemaVersion: Int
    public let tables: [Table]
    /// Position of each table by name (the first, should a name repeat), for `table(_:)`.
    private let positions: [String: Int]

    public init(schemaVersion: Int, tables: [Table]) {
        self.schemaVersion = schemaVersion
        self.tables = tables
        var positions: [String: Int] = [:]
        for (n, t) in tables.enumerated() where positions[t.name] == nil { positions[t.name] = n }
        self.positions = positions
    }

    /// The table with this SQL name.
    public func table(_ name: String) -> Table? { positions[name].map { tables[$0] } }

    /// The catalog this build of DistrictSync ships. Tables are listed so that every table comes
    /// after the tables it references (a self-reference, such as a bundle's parent project, aside).
    public static let standard = Catalog(
        schemaVersion: 1,
        tables: [
            .orgUnit, .person, .project, .projectPlan, .projectProgress, .poolTransition,
            .lead, .visit, .signing, .enterprise, .enterpriseHonor,
            .indicator, .target, .indicatorValue,
        ]
    )
}
