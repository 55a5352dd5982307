/// The first rows of a sheet with merged ranges resolved: a cell inside a merge reads as the merge's top-left cell.
struct MergedGrid {
    private var rowsByNumber: [Int: SheetRow] = [:]
    private let merges: [CellRange]

    init(rows: [SheetRow], merges: [CellRange]) {
        for row in rows { rowsByNumber[row.number] = row }
        let lastRow = rows.last?.number ?? 0
        self.merges = merges.filter { $0.firstRow <= lastRow }
    }

    func merge(containing row: Int, _ column: Int) -> CellRange? {
        merges.first { $0.firstRow <= row && row <= $0.lastRow && $0.firstColumn <= column && column <= $0.lastColumn }
    }

    /// The cell's text (numbers and dates as spelt) and the merge it lies in, if any.
    func text(rowNumber: Int, column: Int) -> (String, CellRange?) {
        let range = merge(containing: rowNumber, column)
        let r = range?.firstRow ?? rowNumber
        let c = range?.firstColumn ?? column
        return (Self.text(rowsByNumber[r]?[c] ?? .empty), range)
    }

    /// Non-empty cells of a row, a merge counted once per column it spans.
    func filledCount(rowNumber: Int) -> Int {
        let last = lastColumn(rowNumber: rowNumber)
        guard last >= 0 else { return 0 }
        return (0...last).reduce(0) { n, c in text(rowNumber: rowNumber, column: c).0.isEmpty ? n : n + 1 }
    }

    /// The last column holding something (own cell or merge), -1 if none.
    func lastColumn(rowNumber: Int) -> Int {
        var last = (rowsByNumber[rowNumber]?.cells.count ?? 0) - 1
        for m in merges where m.firstRow <= rowNumber && rowNumber <= m.lastRow {
            last = max(last, m.lastColumn)
        }
        return last
    }

    /// Walks up while the row above has merges reaching down into this row (the band of a two-row header).
    func bandTop(rowNumber: Int) -> Int {
        var top = rowNumber
        while merges.contains(where: { $0.firstRow < top && $0.lastRow >= top && $0.lastColumn >= $0.firstColumn }) {
            guard let up = merges.filter({ $0.firstRow < top && $0.lastRow >= top }).map(\.firstRow).min() else { break }
            top = up
        }
        // A row above with a horizontal merge over columns this row has text in is a parent heading.
        if let above = rowsByNumber.keys.filter({ $0 < top }).max(),
           merges.contains(where: { $0.firstRow == above && $0.lastRow == above && $0.lastColumn > $0.firstColumn &&
               !Self.text(rowsByNumber[top]?[$0.firstColumn] ?? .empty).isEmpty }),
           filledCount(rowNumber: above) > 1 {
            top = above
        }
        return top
    }

    static func text(_ cell: SheetCell) -> String {
        switch cell {
        case .empty: ""
        case .text(let t): t
        case .number(let n): n
        case .bool(let b): b ? "TRUE" : "FALSE"
        case .date(let d): d.serial
        case .error(let e): e
        }
    }
}
