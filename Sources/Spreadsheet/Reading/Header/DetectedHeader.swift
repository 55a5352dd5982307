/// The header band found at the top of a sheet, with each column's flattened label.
public struct DetectedHeader: Sendable, Hashable {
    /// The 1-based row numbers of the header band, e.g. `[3, 4]` for a two-row header under two title rows.
    public var rowNumbers: [Int]
    /// The first row after the header band (data rows start here; blank rows may follow).
    public var firstDataRow: Int
    /// One entry per column that has a label, left to right.
    public var columns: [HeaderColumn]
    /// The 栏次 row under the band (甲 乙 1 2 3 …), skipped as data; nil when the form has none.
    public var numberingRow: Int?

    public init(rowNumbers: [Int], firstDataRow: Int, columns: [HeaderColumn], numberingRow: Int? = nil) {
        self.rowNumbers = rowNumbers
        self.firstDataRow = firstDataRow
        self.columns = columns
        self.numberingRow = numberingRow
    }

    /// The column whose flattened label is exactly `label`.
    public func column(labelled label: String) -> HeaderColumn? {
        columns.first { $0.label == label }
    }
}

/// One header column: `投资情况（万元）/总投资` in column F.
public struct HeaderColumn: Sendable, Hashable {
    /// 0-based column index.
    public var index: Int
    /// Parent first: `["投资情况（万元）", "总投资"]`; a single-row or vertically merged header has one part.
    public var parts: [String]

    public init(index: Int, parts: [String]) {
        self.index = index
        self.parts = parts
    }

    /// The parts joined with `/`.
    public var label: String { parts.joined(separator: "/") }
    /// Column letters as the sheet shows them (`F`).
    public var letters: String { ColumnName.letters(index) }
}
