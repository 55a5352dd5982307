import Foundation
import Spreadsheet

/// What `dsync inspect` shows, gathered once and printed as text or JSON.
struct InspectReport: Encodable {
    struct Sheet: Encodable { var number: Int; var name: String; var state: String }
    struct Column: Encodable { var column: String; var label: String; var parts: [String] }
    struct Header: Encodable { var rows: [Int]; var firstDataRow: Int; var numberingRow: Int?; var columns: [Column] }
    struct Cell: Encodable { var column: String; var type: String; var value: String; var serial: String? }
    struct Row: Encodable { var row: Int; var cells: [Cell] }

    var file: String
    var format: String
    var encoding: String?
    var delimiter: String?
    var date1904: Bool
    var sheets: [Sheet]
    var sheet: String
    var merges: [String]
    var header: Header?
    var rows: [Row]

    static func make(file: SpreadsheetFile, sheet: SheetInfo, rowLimit: Int) throws -> InspectReport {
        let merges = try file.merges(sheet: sheet)
        let reader = try file.makeRowReader(sheet: sheet)
        let detector = HeaderDetector()
        var top: [SheetRow] = []
        while top.count < max(detector.scanRows, rowLimit), let row = try reader.next() { top.append(row) }
        let header = detector.detect(rows: top, merges: merges).map { h in
            Header(rows: h.rowNumbers, firstDataRow: h.firstDataRow, numberingRow: h.numberingRow,
                   columns: h.columns.map { Column(column: $0.letters, label: $0.label, parts: $0.parts) })
        }
        let rows = top.prefix(rowLimit).map { row in
            Row(row: row.number, cells: row.cells.enumerated().compactMap { column, cell in
                if case .empty = cell { return nil }
                var serial: String?
                if case .date(let d) = cell { serial = d.serial }
                return Cell(column: ColumnName.letters(column), type: cell.kindName, value: cell.displayText, serial: serial)
            })
        }
        let delimiter = file.delimiter.map { $0 == 0x09 ? "\\t" : String(UnicodeScalar($0)) }
        return InspectReport(
            file: file.fileName, format: file.format.rawValue, encoding: file.encoding?.displayName, delimiter: delimiter,
            date1904: file.uses1904Dates,
            sheets: file.sheets.map { Sheet(number: $0.number, name: $0.name, state: $0.visibility.rawValue) },
            sheet: sheet.name, merges: merges.map(\.a1), header: header, rows: rows)
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    func text() -> String {
        var out: [String] = []
        var kind = format == "csv" ? "CSV，编码 \(encoding ?? "?")，分隔符「\(delimiter ?? ",")」" : "xlsx"
        if date1904 { kind += "，1904 日期系统" }
        out.append("文件：\(file)（\(kind)）")
        if format == "xlsx" {
            out.append("工作表：")
            for s in sheets {
                let state = s.state == "hidden" ? "（隐藏）" : s.state == "veryHidden" ? "（深度隐藏）" : ""
                out.append("  \(s.number). \(s.name)\(state)\(s.name == sheet ? "  ← 当前" : "")")
            }
            out.append("合并单元格：" + (merges.isEmpty ? "无" : merges.joined(separator: "、")))
        }
        if let header {
            let band = header.rows.count == 1 ? "第 \(header.rows[0]) 行" : "第 \(header.rows.first ?? 0)–\(header.rows.last ?? 0) 行"
            let numbering = header.numberingRow.map { "（第 \($0) 行是栏次，已跳过）" } ?? ""
            out.append("表头：\(band)，数据从第 \(header.firstDataRow) 行开始\(numbering)")
            for c in header.columns { out.append("  \(c.column)\t\(c.label)") }
        } else {
            out.append("表头：未识别（前 30 行中没有像表头的行）")
        }
        out.append("前 \(rows.count) 行：")
        let names = ["text": "文本", "number": "数字", "bool": "布尔", "date": "日期", "error": "错误"]
        for row in rows {
            let cells = row.cells.map { cell in
                let shown = cell.value.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
                return "\(cell.column)=\(names[cell.type] ?? cell.type)「\(shown)」"
            }
            out.append("  第 \(row.row) 行：" + cells.joined(separator: " "))
        }
        return out.joined(separator: "\n")
    }
}
