import Spreadsheet
public import Domain

/// Writes report sheets into an xlsx workbook with the layout of official submissions: merged title,
/// info line, two-level merged headers, body (合计 first), notes, sign-off and data-state lines; A4
/// landscape, one page wide, header rows repeated, page numbers, columns fitted to CJK text.
public struct ReportRenderer {
    public var styles: ReportStyles
    /// The sign-off line under every table.
    public var signOff = "填表人：　　　　　　审核人：　　　　　　联系电话：　　　　　　报送日期：　　　　年　　月　　日"

    public init(styles: ReportStyles = .standard) { self.styles = styles }

    /// Rows above the body: title, info line, two header rows.
    public static let headerRows = 2...3
    public static let firstBodyRow = 4

    /// Writes `sheets` to `path` (normal mode: merged headers need random access), with a fixed creation
    /// time when `createdAt` is given so the file is byte-reproducible.
    public func write(_ sheets: [ReportSheet], dataState: String, to path: String, createdAt: Int?, author: String) throws {
        let book = try XlsxWorkbook(path: path, options: .init(constantMemory: false, createdAt: createdAt))
        book.properties = DocumentProperties(title: sheets.first?.title, author: author, company: "DistrictSync")
        for sheet in sheets {
            try render(sheet, dataState: dataState, into: try book.addWorksheet(sheet.sheetName))
        }
        try book.close()
    }

    func render(_ s: ReportSheet, dataState: String, into ws: XlsxWorksheet) throws {
        let n = s.columns.count
        guard n >= 3 else { throw ReportError("report.columns", "报表「\(s.sheetName)」至少需要 3 列") }
        let last = n - 1
        // Title and info line.
        try ws.merge(.row(0, 0, last), s.title, style: styles.title)
        try ws.setRow(0, height: 36)
        let third = max(1, n / 3)
        try ws.merge(.row(1, 0, third - 1 > 0 ? third - 1 : 1), s.unitLine, style: styles.line(.left))
        let centreStart = third - 1 > 0 ? third : 2
        let rightStart = max(centreStart + 1, n - third)
        try span(ws, .row(1, centreStart, rightStart - 1), s.dateLine, styles.line(.center))
        try span(ws, .row(1, rightStart, last), "单位：\(s.moneyUnit.rawValue)", styles.line(.right))
        try ws.setRow(1, height: 22)
        // Two-level headers.
        var c = 0
        while c < n {
            let col = s.columns[c]
            if let group = col.group {
                var end = c
                while end + 1 < n, s.columns[end + 1].group == group { end += 1 }
                try span(ws, .row(2, c, end), group, styles.header)
                for k in c...end { try ws.write(3, k, s.columns[k].header, style: styles.header) }
                c = end + 1
            } else {
                try ws.merge(CellArea(firstRow: 2, firstColumn: c, lastRow: 3, lastColumn: c), col.header, style: styles.header)
                c += 1
            }
        }
        // Body.
        var row = Self.firstBodyRow
        for r in s.rows {
            try renderRow(r, columns: s.columns, unit: s.moneyUnit, row: row, into: ws)
            row += 1
        }
        // Notes, sign-off, data state.
        row += 1
        for line in s.notes + [signOff, dataState] {
            try ws.merge(.row(row, 0, last), line, style: styles.note)
            row += 1
        }
        try fitColumns(s, ws)
        try ws.freezePanes(row: Self.firstBodyRow, column: min(s.frozenColumns, last))
        try ws.setPrint(PrintSetup(
            landscape: true, paper: 9, fitWidth: 1, fitHeight: 0, repeatRows: Self.headerRows,
            footer: "&C第 &P 页 共 &N 页",
            margins: .millimetres(top: 20, bottom: 20, left: 15, right: 15), centerHorizontally: true))
    }

    /// Merges when the area has two cells or more, else writes one cell.
    func span(_ ws: XlsxWorksheet, _ area: CellArea, _ text: String, _ style: CellStyle) throws {
        if area.isSingleCell { try ws.write(area.firstRow, area.firstColumn, text, style: style) } else { try ws.merge(area, text, style: style) }
    }

    func renderRow(_ r: ReportRow, columns: [ReportColumn], unit: MoneyUnit, row: Int, into ws: XlsxWorksheet) throws {
        var start = 0
        if r.kind != .detail {
            let labelText: String
            if case .text(let t) = r.values.first { labelText = t } else { labelText = "" }
            let span = min(max(1, r.labelSpan), columns.count)
            try self.span(ws, .row(row, 0, span - 1), labelText, styles.label(r.kind))
            start = span
        }
        for c in start..<columns.count {
            let v = c < r.values.count ? r.values[c] : .empty
            try write(v, columns[c].kind, r.kind, unit, row, c, ws)
        }
    }

    func write(_ v: ReportValue, _ kind: ColumnKind, _ rowKind: ReportRow.Kind, _ unit: MoneyUnit, _ row: Int, _ c: Int, _ ws: XlsxWorksheet) throws {
        let style = styles.body(kind, rowKind)
        switch v {
        case .empty: try ws.writeBlank(row, c, style: style)
        case .text(let t): try ws.write(row, c, t, style: style)
        case .money(let m): try ws.write(row, c, Self.number(m, in: unit), style: styles.body(.money, rowKind))
        case .count(let n): try ws.write(row, c, Double(n), style: styles.body(.count, rowKind))
        case .percent(let p), .points(let p):
            if let p { try ws.write(row, c, Double(p.rawValue) / 100, style: styles.body(.percent, rowKind)) } else { try ws.writeBlank(row, c, style: style) }
        case .date(let iso):
            let parts = iso.prefix(10).split(separator: "-").compactMap { Int($0) }
            if parts.count == 3, (try? ws.writeDate(row, c, year: parts[0], month: parts[1], day: parts[2], style: styles.body(.date, rowKind))) != nil {
            } else {
                try ws.write(row, c, iso, style: style)
            }
        case .light(let l): try ws.write(row, c, l.word, style: styles.body(.light, rowKind, fill: l.fill))
        }
    }

    /// An amount as the number shown in `unit`: one exact integer-to-double conversion and one
    /// correctly rounded division, never a running floating-point sum.
    public static func number(_ m: Money, in unit: MoneyUnit) -> Double { Double(m.yuan) / Double(unit.yuanPerUnit) }

    /// Widths from the longest header word and value of each column (CJK counted double).
    func fitColumns(_ s: ReportSheet, _ ws: XlsxWorksheet) throws {
        for (c, col) in s.columns.enumerated() {
            var units = ColumnWidth.units(col.header) * Int(styles.headerSize) / 11
            for r in s.rows where c < r.values.count && (r.kind == .detail || c >= r.labelSpan) {
                units = max(units, ColumnWidth.units(Self.text(r.values[c], unit: s.moneyUnit)))
            }
            let cap: Int
            switch col.kind {
            case .longText: cap = 30
            case .text: cap = 36
            default: cap = 20
            }
            let width = ColumnWidth.fitting(String(repeating: "x", count: min(units, cap)), fontSize: styles.bodySize, minimum: 6, maximum: Double(cap) + 2)
            try ws.setColumn(c, c, width: width)
        }
    }

    static func text(_ v: ReportValue, unit: MoneyUnit) -> String {
        switch v {
        case .empty: ""
        case .text(let t): t
        case .money(let m): m.format(in: unit, decimals: 2, grouping: true)
        case .count(let n): String(n)
        case .percent(let p), .points(let p): p?.format() ?? ""
        case .date: "2024年12月31日"
        case .light(let l): l.word
        }
    }
}
