public import Domain
internal import MergeStore
internal import SyncModel

/// The catalog indexed for `ChangeValidator`: per table its fields by name, its required fields and its
/// merge units by name, built once (a store keeps one) so checking a change copies no `Table` or `Field`.
public final class ValidationRules: Sendable {
    final class TableRules: Sendable {
        let table: Table
        let fields: [String: FieldRule]
        let required: [Field]
        let units: [String: MergeUnit]
        /// Every column a creation may carry (the owner and the fields), in `CellValues` order, with its
        /// field (nil for the owner): a creation's values are checked walking both lists side by side.
        let creationColumns: [String]
        let creationFields: [FieldRule?]
        /// Per creation column: whether its field is required.
        let creationRequired: [Bool]
        /// Where `owner_unit_id` is among the creation columns.
        let ownerPosition: Int

        init(_ table: Table) {
            self.table = table
            var fields: [String: FieldRule] = [:]
            for f in table.fields where fields[f.name] == nil { fields[f.name] = FieldRule(f) }
            self.fields = fields
            creationColumns = Set([Table.ownerColumn] + fields.keys).sorted { CellValues.compare($0, $1) < 0 }
            creationFields = creationColumns.map { fields[$0] }
            creationRequired = creationFields.map { $0?.field.required ?? false }
            ownerPosition = creationColumns.firstIndex(of: Table.ownerColumn) ?? -1
            required = table.fields.filter(\.required)
            var units: [String: MergeUnit] = [:]
            for u in MergeUnit.units(of: table) where units[u.name] == nil { units[u.name] = u }
            self.units = units
        }
    }

    /// One field, behind a reference (cheap to hand around).
    final class FieldRule: Sendable {
        let field: Field
        init(_ field: Field) { self.field = field }
    }

    let tables: [String: TableRules]
    /// The catalog these rules index.
    public let catalog: Catalog

    public init(catalog: Catalog) {
        self.catalog = catalog
        var tables: [String: TableRules] = [:]
        for t in catalog.tables where tables[t.name] == nil { tables[t.name] = TableRules(t) }
        self.tables = tables
    }
}
