public import Domain

/// One file column bound to a catalog field, with the unit its amounts are read in.
public struct ColumnBinding: Sendable, Hashable {
    public let column: ImportColumn
    public let field: Field
    /// The money unit from the header (or its parent header, or the sheet's `单位：` line); nil when none.
    public let unit: MoneyUnit?
    /// Whether the header says the values are percentages.
    public let isPercent: Bool
}

/// How a sheet's header maps onto one catalog table.
public struct TableMapping: Sendable {
    public let table: Table
    /// Bound columns, left to right.
    public let bindings: [ColumnBinding]
    /// Columns that match no field of the table (reported as warnings, their values ignored).
    public let unknown: [ImportColumn]
    /// Columns that name a field another column already supplies (ignored, reported).
    public let duplicates: [(column: ImportColumn, field: Field)]
    /// Required fields no column supplies.
    public let missingRequired: [Field]

    /// The binding of a field, if a column supplies it.
    public func binding(_ fieldName: String) -> ColumnBinding? { bindings.first { $0.field.name == fieldName } }
}

/// Matches header labels to the catalog by labels, Chinese aliases and the English (SQL) field names.
public enum CatalogMatcher {
    /// Normalised label → (field, rank); rank 0 is the field's label, then its aliases in order, then the
    /// SQL name. Built once per table.
    static func index(_ table: Table) -> [String: (field: Field, rank: Int)] {
        var index: [String: (field: Field, rank: Int)] = [:]
        func add(_ text: String, _ field: Field, _ rank: Int) {
            let key = HeaderText.key(text)
            guard !key.isEmpty else { return }
            if let existing = index[key], existing.rank <= rank { return }
            index[key] = (field, rank)
        }
        for field in table.fields { add(field.label, field, 0) }
        for field in table.fields {
            for (i, alias) in field.aliases.enumerated() { add(alias, field, i + 1) }
            add(field.name, field, 100)
        }
        return index
    }

    /// Maps `columns` onto `table`. `unitLine` is the sheet's `单位：…` text, if any.
    public static func map(_ columns: [ImportColumn], to table: Table, unitLine: String? = nil) -> TableMapping {
        let index = index(table)
        let sheetUnit = unitLine.flatMap { MoneyUnit.named(inHeader: $0) }
        var chosen: [String: (binding: ColumnBinding, rank: Int)] = [:]
        var order: [String] = []
        var unknown: [ImportColumn] = []
        var duplicates: [(column: ImportColumn, field: Field)] = []
        for column in columns {
            let text = HeaderText(column.label)
            guard let hit = text.candidates.lazy.compactMap({ index[$0] }).first else {
                unknown.append(column)
                continue
            }
            let binding = ColumnBinding(column: column, field: hit.field, unit: text.moneyUnit ?? sheetUnit, isPercent: text.isPercent)
            if let existing = chosen[hit.field.name] {
                if hit.rank < existing.rank {
                    duplicates.append((existing.binding.column, hit.field))
                    chosen[hit.field.name] = (binding, hit.rank)
                } else {
                    duplicates.append((column, hit.field))
                }
            } else {
                chosen[hit.field.name] = (binding, hit.rank)
                order.append(hit.field.name)
            }
        }
        let bindings = order.compactMap { chosen[$0]?.binding }.sorted { $0.column.index < $1.column.index }
        let missing = table.fields.filter { $0.required && chosen[$0.name] == nil }
        return TableMapping(table: table, bindings: bindings, unknown: unknown, duplicates: duplicates, missingRequired: missing)
    }

    /// The table whose fields the header names best: every required field present, most columns bound;
    /// nil when no table has its required fields, or two tables tie.
    public static func inferTable(_ columns: [ImportColumn], catalog: Catalog, unitLine: String? = nil) -> (best: Table?, ranked: [TableMapping]) {
        let mappings = catalog.tables.map { map(columns, to: $0, unitLine: unitLine) }
        let ranked = mappings.sorted { lhs, rhs in
            if lhs.missingRequired.isEmpty != rhs.missingRequired.isEmpty { return lhs.missingRequired.isEmpty }
            return lhs.bindings.count > rhs.bindings.count
        }
        guard let first = ranked.first, first.missingRequired.isEmpty, !first.bindings.isEmpty else { return (nil, ranked) }
        if ranked.count > 1, ranked[1].missingRequired.isEmpty, ranked[1].bindings.count == first.bindings.count { return (nil, ranked) }
        return (first.table, ranked)
    }

    /// Whether `label` names any field of any table (header detection prefers rows of known labels).
    public static func isKnownLabel(_ label: String, catalog: Catalog = .standard) -> Bool {
        let text = HeaderText(label)
        return catalog.tables.contains { table in
            let index = knownIndexes.first { $0.0 == table.name }?.1 ?? index(table)
            return text.candidates.contains { index[$0] != nil }
        }
    }

    private static let knownIndexes: [(String, [String: (field: Field, rank: Int)])] = Catalog.standard.tables.map { ($0.name, index($0)) }
}
