import Foundation

/// An opened CSV or xlsx file: its sheets, and row readers over them.
///
/// ```swift
/// let file = try SpreadsheetFile.open(path: "项目.xlsx")
/// let sheet = try file.sheet(.name("项目清单"))          // or file.defaultSheet, or .number(2)
/// let table = try TableReader(file: file, sheet: sheet) // header detection + data rows
/// while let row = try table.next() { … row[3] … }
/// ```
public final class SpreadsheetFile {
    public enum Format: String, Sendable { case csv, xlsx }

    public let path: String
    /// The last path component, as errors name it.
    public let fileName: String
    public let format: Format
    public let sheets: [SheetInfo]
    /// xlsx: the workbook counts dates from 1904-01-01 (`date1904`). Dates in `SheetCell.date` already account for it.
    public let uses1904Dates: Bool
    /// CSV: the encoding used (given or detected).
    public let encoding: TextEncoding?
    /// CSV: the field separator used (given or detected).
    public let delimiter: UInt8?
    let options: ReadOptions
    private let backend: Backend

    enum Backend {
        case csv(CSVSource)
        case xlsx(XLSXWorkbook)
    }

    private init(path: String, format: Format, sheets: [SheetInfo], uses1904Dates: Bool, encoding: TextEncoding?,
                 delimiter: UInt8?, options: ReadOptions, backend: Backend) {
        self.path = path
        self.fileName = (path as NSString).lastPathComponent
        self.format = format
        self.sheets = sheets
        self.uses1904Dates = uses1904Dates
        self.encoding = encoding
        self.delimiter = delimiter
        self.options = options
        self.backend = backend
    }

    /// Opens a file, deciding its format from its first bytes (zip → xlsx, OLE2 → legacy-Excel error, else CSV).
    public static func open(path: String, options: ReadOptions = ReadOptions()) throws -> SpreadsheetFile {
        let name = (path as NSString).lastPathComponent
        let magic = try FileBytes.prefix(path: path, count: 8, fileName: name)
        if magic.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw SpreadsheetError(.legacyExcel, file: name,
                                   reason: "这是旧版 Excel（.xls）或 WPS（.et）格式，无法读取；请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入")
        }
        if magic.starts(with: [0x50, 0x4B]) {
            let book = try XLSXWorkbook(path: path, fileName: name, limits: options.limits)
            return SpreadsheetFile(path: path, format: .xlsx, sheets: book.sheets.map(\.info), uses1904Dates: book.uses1904Dates,
                                   encoding: nil, delimiter: nil, options: options, backend: .xlsx(book))
        }
        let lower = name.lowercased()
        if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") || lower.hasSuffix(".xls") || lower.hasSuffix(".et") {
            throw SpreadsheetError(.notSpreadsheet, file: name, reason: "文件扩展名是 Excel，但内容不是 xlsx（ZIP）格式，可能已损坏或不是表格文件")
        }
        let source = try CSVSource(path: path, fileName: name, options: options)
        let stem = (name as NSString).deletingPathExtension
        return SpreadsheetFile(path: path, format: .csv, sheets: [SheetInfo(name: stem, number: 1, visibility: .visible)],
                               uses1904Dates: false, encoding: source.encoding, delimiter: source.delimiter,
                               options: options, backend: .csv(source))
    }

    /// The first visible sheet (the first sheet if all are hidden).
    public var defaultSheet: SheetInfo {
        sheets.first { $0.visibility == .visible } ?? sheets[0]
    }

    /// Resolves a selector: exact name first, then the 1-based number (a sheet named "2" wins over position 2).
    public func sheet(_ selector: SheetSelector) throws -> SheetInfo {
        switch selector {
        case .name(let name):
            if let s = sheets.first(where: { $0.name == name }) { return s }
        case .number(let n):
            if let s = sheets.first(where: { $0.name == String(n) }) { return s }
            if n >= 1, n <= sheets.count { return sheets[n - 1] }
        }
        let list = sheets.map { "\($0.number).「\($0.name)」" }.joined(separator: "、")
        let asked = switch selector { case .name(let n): "「\(n)」"; case .number(let n): "第 \(n) 个" }
        throw SpreadsheetError(.sheetNotFound, file: fileName, reason: "没有工作表\(asked)；文件中的工作表：\(list)")
    }

    /// A reader over one sheet's rows, from the top.
    public func makeRowReader(sheet: SheetInfo) throws -> SheetRowReader {
        switch backend {
        case .csv(let source):
            return SheetRowReader(sheet: sheet, producer: try source.makeProducer(sheetName: sheet.name))
        case .xlsx(let book):
            return SheetRowReader(sheet: sheet, producer: try book.makeProducer(sheetNumber: sheet.number))
        }
    }

    /// The sheet's merged ranges. xlsx lists them after the rows, so this inflates the sheet once more and
    /// scans past the rows for them (about the cost of unzipping the sheet). CSV: none.
    public func merges(sheet: SheetInfo) throws -> [CellRange] {
        switch backend {
        case .csv: return []
        case .xlsx(let book): return try book.merges(sheetNumber: sheet.number)
        }
    }
}
