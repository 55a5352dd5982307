/// A rectangle of cells on a sheet being written: 0-based rows and columns, inclusive bounds.
public struct CellArea: Sendable, Hashable, CustomStringConvertible {
    public var firstRow: Int
    public var firstColumn: Int
    public var lastRow: Int
    public var lastColumn: Int

    public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }

    /// One row from `firstColumn` to `lastColumn`.
    public static func row(_ row: Int, _ firstColumn: Int, _ lastColumn: Int) -> CellArea {
        CellArea(firstRow: row, firstColumn: firstColumn, lastRow: row, lastColumn: lastColumn)
    }

    /// Whether the two rectangles share at least one cell.
    public func overlaps(_ other: CellArea) -> Bool {
        firstRow <= other.lastRow && other.firstRow <= lastRow
            && firstColumn <= other.lastColumn && other.firstColumn <= lastColumn
    }

    /// Whether the area is a single cell.
    public var isSingleCell: Bool { firstRow == lastRow && firstColumn == lastColumn }

    /// The A1 reference of the area as Excel shows it, e.g. `A1:D2`.
    public var description: String {
        let a = CellArea.reference(firstRow, firstColumn)
        return isSingleCell ? a : a + ":" + CellArea.reference(lastRow, lastColumn)
    }

    /// The A1 name of one cell: row 0, column 0 → `A1`.
    public static func reference(_ row: Int, _ column: Int) -> String {
        ColumnName.letters(max(0, column)) + String(row + 1)
    }
}
