/// The catalog of synced tables: the single definition the replica schema, the importer and the
/// reports all read. Changing a table here is a schema change (bump `schemaVersion`).
public struct Catalog: Sendable {
    /// The version of the table definitions. Replicas and servers refuse to sync across versions
    /// they do not know how to migrate.
    public let schemaVersion: Int
    public let tables: [Table]

    public init(schemaVersion: Int, tables: [Table]) {
        self.schemaVersion = schemaVersion
        self.tables = tables
    }

    /// The table with this SQL name.
    public func table(_ name: String) -> Table? { tables.first { $0.name == name } }

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
