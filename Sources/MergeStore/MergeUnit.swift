public import Domain

/// The unit in which changes are captured and merged: one column, or one declared column group.
///
/// Names in the change log: a column or group name, `*` for a row's creation (all its columns at once)
/// and `-` for its deletion (a tombstone).
public struct MergeUnit: Sendable, Hashable {
    public let name: String
    public let columns: [String]

    /// The unit recorded when a row is created.
    public static let insertName = "*"
    /// The unit recorded when a row is deleted.
    public static let deleteName = "-"

    /// The merge units of a table in declaration order: each ungrouped field alone, each group once,
    /// plus the owner column (ownership changes merge like any other cell).
    public static func units(of table: Table) -> [MergeUnit] {
        var seen = Set<String>()
        var out = [MergeUnit(name: Table.ownerColumn, columns: [Table.ownerColumn])]
        for f in table.fields {
            if let g = table.group(containing: f.name) {
                if seen.insert(g.name).inserted { out.append(MergeUnit(name: g.name, columns: g.columns)) }
            } else {
                out.append(MergeUnit(name: f.name, columns: [f.name]))
            }
        }
        return out
    }

    /// The unit named `name` in `table`, if any.
    public static func unit(_ name: String, of table: Table) -> MergeUnit? {
        units(of: table).first { $0.name == name }
    }
}
