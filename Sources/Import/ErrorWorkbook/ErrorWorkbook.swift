import Spreadsheet

/// Writes the rows an import refused to an xlsx the clerk can fix and import again: the original header,
/// each rejected row as read (values as the clerk saw them), a `错误原因` column, and every bad cell filled
/// light red. Uses the `Spreadsheet` xlsx writer (libxlsxwriter).
public enum ErrorWorkbook {
    /// The fill of a bad cell (Excel's "bad" red).
    public static let badFill: UInt32 = 0xFFC7CE
    /// The header of the reasons column.
    public static let reasonHeader = "错误原因"

    /// `dir/项目表.csv` → `dir/项目表-导入错误.xlsx`.
    public static func path(besides file: String) -> String {
        let slash = file.lastIndex(of: "/")
        let dir = slash.map { String(file[...$0]) } ?? ""
        let name = slash.map { String(file[file.index(after: $0)...]) } ?? file
        let stem = name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
        return dir + stem + "-导入错误.xlsx"
    }

    /// Writes `report.rejected` to `path`.
    public static func write(_ report: ImportReport, to path: String) throws {
        let book = try XlsxWorkbook(path: path)
        let sheet = try book.addWorksheet("导入错误")
        let header = CellStyle(bold: true, fill: 0xD9E1F2, border: .thin, horizontal: .center, wrap: true)
        let bad = CellStyle(fill: badFill, border: .thin)
        let plain = CellStyle(border: .thin)
        let reasonStyle = CellStyle(fontColor: 0x9C0006, border: .thin, wrap: true)
        let columns = report.columns
        let width = (columns.map(\.index).max() ?? -1) + 1
        let labels = Dictionary(columns.map { ($0.index, $0.label) }, uniquingKeysWith: { a, _ in a })
        for c in 0..<width { try sheet.write(0, c, labels[c] ?? "", style: header) }
        try sheet.write(0, width, reasonHeader, style: header)
        for (r, row) in report.rejected.enumerated() {
            let badColumns = Set(row.issues.compactMap(\.column))
            for c in 0..<max(width, row.cells.count) where c < width {
                let text = FieldCoercer.displayText(row[c])
                try sheet.write(r + 1, c, text, style: badColumns.contains(c) ? bad : plain)
            }
            try sheet.write(r + 1, width, "第 \(row.number) 行：" + row.reasonText(columns: columns), style: reasonStyle)
        }
        try sheet.setColumn(0, max(0, width - 1), width: 16)
        try sheet.setColumn(width, width, width: 60)
        try sheet.freezePanes(row: 1, column: 0)
        try book.close()
    }
}

extension RejectedRow {
    subscript(column: Int) -> SheetCell { column < cells.count ? cells[column] : .empty }
}
