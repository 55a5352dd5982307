public import Spreadsheet

/// The importer's view of a sheet read by the `Spreadsheet` readers (CSV or xlsx): the header they
/// detected — scored with the catalog's labels — and the data rows below it, streamed.
public final class TableRowSource: ImportRowSource {
    public let table: TableReader
    public let sheetName: String?
    public let columns: [ImportColumn]
    public let headerRowNumbers: [Int]
    public let unitLine: String?

    /// Opens `path` (format from its first bytes) and finds the header of the chosen sheet (default: the
    /// first visible one). Throws `SpreadsheetError` with file, sheet, row and column for unreadable input.
    public init(path: String, sheet: SheetSelector? = nil, options: ReadOptions = ReadOptions()) throws {
        let file = try SpreadsheetFile.open(path: path, options: options)
        let info = try sheet.map { try file.sheet($0) } ?? file.defaultSheet
        table = try TableReader(file: file, sheet: info, detector: HeaderDetector(isKnownLabel: { CatalogMatcher.isKnownLabel($0) }))
        sheetName = file.format == .xlsx ? info.name : nil
        columns = table.header.columns.map { ImportColumn(index: $0.index, label: $0.label) }
        headerRowNumbers = table.header.rowNumbers
        unitLine = table.titleRows.lazy.flatMap(\.cells).compactMap { cell -> String? in
            if case .text(let t) = cell, t.contains("单位") { t } else { nil }
        }.first
    }

    /// Bytes read for CSV (the progress bar's ETA); nil for xlsx, where it shows rows and rows/s only.
    public var fractionRead: Double? { table.fractionRead }

    public func next() throws -> SheetRow? { try table.next() }
}
