public import Spreadsheet

/// One header column an import reads: its 0-based index and its flattened label (`投资情况（万元）/总投资`).
public struct ImportColumn: Sendable, Hashable {
    public var index: Int
    public var label: String

    public init(index: Int, label: String) {
        self.index = index
        self.label = label
    }
}

/// Rows of one sheet with their header, as the importer consumes them: a CSV or xlsx table reader, or
/// rows held in memory (tests). Data rows come after the header, in file order.
public protocol ImportRowSource: AnyObject {
    /// The sheet's name for messages (nil for a CSV file).
    var sheetName: String? { get }
    /// The header columns, left to right.
    var columns: [ImportColumn] { get }
    /// The 1-based rows of the header band.
    var headerRowNumbers: [Int] { get }
    /// Text above the header that names a unit for the whole sheet (`单位：万元`), if any.
    var unitLine: String? { get }
    /// How much of the input has been read (0…1), when known: drives the progress bar's ETA.
    var fractionRead: Double? { get }
    /// The next data row, or nil at the end.
    func next() throws -> SheetRow?
}

/// Rows held in memory (tests, small generated inputs).
public final class ArrayRowSource: ImportRowSource {
    public let sheetName: String?
    public let columns: [ImportColumn]
    public let headerRowNumbers: [Int]
    public let unitLine: String?
    private var rows: [SheetRow]
    private let total: Int

    /// `header` labels are in columns A, B, …; data rows are numbered from the row after the header.
    public init(sheetName: String? = nil, header: [String], rows: [[SheetCell]], headerRow: Int = 1, unitLine: String? = nil) {
        self.sheetName = sheetName
        self.columns = header.enumerated().map { ImportColumn(index: $0.offset, label: $0.element) }
        self.headerRowNumbers = [headerRow]
        self.unitLine = unitLine
        self.rows = rows.enumerated().map { SheetRow(number: headerRow + 1 + $0.offset, cells: $0.element) }.reversed()
        self.total = rows.count
    }

    /// Text-only rows, as a CSV file gives them.
    public convenience init(sheetName: String? = nil, header: [String], texts: [[String]], unitLine: String? = nil) {
        self.init(sheetName: sheetName, header: header, rows: texts.map { $0.map { $0.isEmpty ? .empty : .text($0) } }, unitLine: unitLine)
    }

    public var fractionRead: Double? { total == 0 ? 1 : Double(total - rows.count) / Double(total) }

    public func next() throws -> SheetRow? { rows.popLast() }
}
