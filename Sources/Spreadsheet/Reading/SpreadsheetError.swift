/// Why a file could not be read, with where it happened. `description` is the Chinese message a clerk sees:
/// `文件「项目.xlsx」工作表「项目清单」第 5 行 C 列：单元格文字有 40000 个字符，超过 32767 个字符的上限`.
public struct SpreadsheetError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of fault; stable for tests and callers that react differently.
    public enum Code: String, Sendable, Hashable {
        case fileUnreadable
        case legacyExcel          // .xls / .et (OLE2): save as .xlsx
        case notSpreadsheet       // neither a zip (xlsx) nor text
        case zipCorrupt
        case zipTruncated
        case zipUnsupported       // encryption, ZIP64, unknown compression
        case zipTooManyEntries
        case zipTooLarge          // total or per-entry unpacked size
        case zipBomb              // compression ratio
        case xmlDoctype
        case xmlMalformed
        case missingPart
        case sheetNotFound
        case tooManyColumns
        case tooManyRows
        case tooManyCells
        case cellTooLong
        case encodingUnknown      // a CSV decodes in none of the supported encodings
        case encodingInvalid      // bytes invalid in the chosen or detected encoding
        case noHeader             // no row looks like a header (TableReader)
    }

    public var code: Code
    /// The file's name (last path component).
    public var file: String
    public var sheet: String?
    /// 1-based row number in the file, if the fault is in a row.
    public var row: Int?
    /// 0-based column, if the fault is in a cell.
    public var column: Int?
    /// The reason in Chinese, without the location.
    public var reason: String

    public init(_ code: Code, file: String, sheet: String? = nil, row: Int? = nil, column: Int? = nil, reason: String) {
        self.code = code
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        self.reason = reason
    }

    public var description: String {
        var place = "文件「\(file)」"
        if let sheet { place += "工作表「\(sheet)」" }
        if let row { place += "第 \(row) 行" }
        if let column, column >= 0 { place += (row == nil ? "第 " : " ") + ColumnName.letters(column) + " 列" }
        return place + "：" + reason
    }
}
