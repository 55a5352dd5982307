/// A synced domain table, declared once and read by the replica schema, the importer and the reports.
///
/// Every table also has two implicit columns that are not listed in `fields`: `id` (a UUIDv7 text
/// primary key generated offline) and the owner column `owner_unit_id` (the office that may write the row).
public struct Table: Sendable, Hashable {
    public let name: String
    public let label: String
    public let fields: [Field]
    /// Columns whose values identify a row within the district (drive import upserts).
    public let naturalKey: [String]
    /// Column groups that merge as one unit.
    public let groups: [ColumnGroup]
    /// Extra non-unique indexes (each a list of columns).
    public let indexes: [[String]]
    /// Position of each field by name (the first, should a name repeat), for `field(_:)`.
    private let fieldPositions: [String: Int]

    /// The name of the implicit primary-key column.
    public static let idColumn = "id"
    /// The name of the implicit row-owner column.
    public static let ownerColumn = "owner_unit_id"

    public init(
        _ name: String, _ label: String, naturalKey: [String], groups: [ColumnGroup] = [],
        indexes: [[String]] = [], fields: [Field]
    ) {
        self.name = name
        self.label = label
        self.fields = fields
        self.naturalKey = naturalKey
        self.groups = groups
        self.indexes = indexes
        var positions: [String: Int] = [:]
        for (n, f) in fields.enumerated() where positions[f.name] == nil { positions[f.name] = n }
        self.fieldPositions = positions
    }

    /// All stored column names in order: `id`, `owner_unit_id`, then the declared fields.
    public var columnNames: [String] { [Self.idColumn, Self.ownerColumn] + fields.map(\.name) }

    /// The field with this SQL name, if declared.
    public func field(_ name: String) -> Field? { fieldPositions[name].map { fields[$0] } }

    /// The group a column belongs to, if any.
    public func group(containing column: String) -> ColumnGroup? {
        groups.first { $0.columns.contains(column) }
    }
}
