/// One sheet read as a table: the detected header, then the data rows below it.
///
/// Reads the first `detector.scanRows` rows to find the header (keeping them in memory), then streams the rest.
/// Data rows are the non-empty rows from `header.firstDataRow` on, in file order.
public final class TableReader {
    public let file: SpreadsheetFile
    public let sheet: SheetInfo
    public let header: DetectedHeader
    /// The sheet's merged ranges (read before the rows; see `SpreadsheetFile.merges(sheet:)`).
    public let merges: [CellRange]
    /// The non-empty rows above the header band (a title, a `填报单位：… 单位：万元` line).
    public let titleRows: [SheetRow]
    private let reader: SheetRowReader
    private var buffered: [SheetRow]

    /// Throws `SpreadsheetError` for unreadable files, and `.noHeader` when no row looks like a header.
    public init(file: SpreadsheetFile, sheet: SheetInfo, detector: HeaderDetector = HeaderDetector()) throws {
        self.file = file
        self.sheet = sheet
        merges = try file.merges(sheet: sheet)
        reader = try file.makeRowReader(sheet: sheet)
        var top: [SheetRow] = []
        while top.count < detector.scanRows, let row = try reader.next() { top.append(row) }
        guard let header = detector.detect(rows: top, merges: merges) else {
            throw SpreadsheetError(.noHeader, file: file.fileName, sheet: file.format == .xlsx ? sheet.name : nil,
                                   reason: "前 \(detector.scanRows) 行中找不到表头（需要一行大部分是文字、且与表格同宽的列名）")
        }
        self.header = header
        let firstHeaderRow = header.rowNumbers.min() ?? header.firstDataRow
        titleRows = top.filter { $0.number < firstHeaderRow }
        buffered = top.filter { $0.number >= header.firstDataRow }.reversed()
    }

    /// How much of the file has been read (0…1), when the format tells (CSV); nil for xlsx.
    public var fractionRead: Double? { reader.fractionRead }

    /// The next data row, or nil at the end.
    public func next() throws -> SheetRow? {
        if let row = buffered.popLast() { return row }
        return try reader.next()
    }
}
