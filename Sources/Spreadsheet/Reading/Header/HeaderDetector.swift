/// Finds the header band at the top of a sheet without knowing the domain: skips title rows (a merged title,
/// a `填报单位：…  单位：万元` line), takes the first row that is mostly text and about as wide as the table,
/// extends it downwards over the rows its merged cells span (two-row merged headers), and flattens each
/// column's label to `parent/child` using the merged ranges (never forward-filling blanks), and steps over a
/// 栏次 row (甲 乙 1 2 3 …) right under the band.
///
/// Give `isKnownLabel` ("is this text a header I know?") to prefer the row with the most known labels.
public struct HeaderDetector {
    /// Rows looked at from the top of the sheet.
    public var scanRows: Int
    /// Deepest header band accepted.
    public var maxHeaderRows: Int
    public var isKnownLabel: ((String) -> Bool)?

    public init(scanRows: Int = 30, maxHeaderRows: Int = 3, isKnownLabel: ((String) -> Bool)? = nil) {
        self.scanRows = scanRows
        self.maxHeaderRows = maxHeaderRows
        self.isKnownLabel = isKnownLabel
    }

    /// The header among `rows` (the sheet's first rows as a `SheetRowReader` returns them), or nil if none
    /// of them looks like a header.
    public func detect(rows: [SheetRow], merges: [CellRange]) -> DetectedHeader? {
        let rows = Array(rows.prefix(scanRows))
        guard !rows.isEmpty else { return nil }
        let grid = MergedGrid(rows: rows, merges: merges)
        let width = rows.map { grid.filledCount(rowNumber: $0.number) }.max() ?? 0
        guard width > 0 else { return nil }
        guard let start = pickHeaderRow(rows: rows, grid: grid, width: width) else { return nil }
        var band = [start.number]
        var last = start.number
        // Merged cells starting in the band and reaching further down pull the next rows in.
        while band.count < maxHeaderRows {
            let reach = merges.filter { $0.firstRow >= band[0] && $0.firstRow <= last && $0.lastRow > last }
                .map(\.lastRow).max()
            guard let reach, reach > last else { break }
            let next = min(reach, band[0] + maxHeaderRows - 1)
            for r in (last + 1)...next { band.append(r) }
            last = next
        }
        let columnCount = band.map { grid.lastColumn(rowNumber: $0) + 1 }.max() ?? 0
        var columns: [HeaderColumn] = []
        for c in 0..<columnCount {
            var parts: [String] = []
            var seenRanges = Set<CellRange>()
            for r in band {
                let (text, range) = grid.text(rowNumber: r, column: c)
                if let range {
                    if seenRanges.contains(range) { continue }
                    seenRanges.insert(range)
                }
                let label = HeaderDetector.clean(text)
                if !label.isEmpty, parts.last != label { parts.append(label) }
            }
            if !parts.isEmpty { columns.append(HeaderColumn(index: c, parts: parts)) }
        }
        // A 栏次 row (甲 乙 1 2 3 …) right under the header is skipped, not read as data.
        if let below = rows.first(where: { $0.number > last }), ColumnNumberingRow.matches(below, columnCount: columns.count) {
            return DetectedHeader(rowNumbers: band, firstDataRow: below.number + 1, columns: columns, numberingRow: below.number)
        }
        return DetectedHeader(rowNumbers: band, firstDataRow: last + 1, columns: columns)
    }

    /// The top row of the header band.
    private func pickHeaderRow(rows: [SheetRow], grid: MergedGrid, width: Int) -> SheetRow? {
        if let isKnownLabel {
            var best: (row: SheetRow, known: Int)?
            for row in rows {
                let known = row.cells.reduce(0) { n, cell in
                    if case .text(let t) = cell, isKnownLabel(HeaderDetector.clean(t)) { return n + 1 }
                    return n
                }
                if known > (best?.known ?? 0) { best = (row, known) }
            }
            if let best {
                return rows.first { $0.number == grid.bandTop(rowNumber: best.row.number) } ?? best.row
            }
        }
        let needed = max(min(2, width), (width + 1) / 2)
        return rows.first { row in
            var text = 0
            var other = 0
            for cell in row.cells {
                switch cell {
                case .empty: continue
                case .text(let t): if HeaderDetector.clean(t).isEmpty { continue }; text += 1
                default: other += 1
                }
            }
            return text >= needed && text > other * 3
        }
    }

    /// A label as compared and shown: line breaks removed, surrounding spaces trimmed.
    static func clean(_ text: String) -> String {
        var s = text
        if s.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            s = String(s.filter { $0 != "\n" && $0 != "\r" && $0 != "\r\n" })
        }
        return s.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
