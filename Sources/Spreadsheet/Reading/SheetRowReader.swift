/// Something that produces a sheet's rows one at a time (one per file format).
protocol RowProducer: AnyObject {
    func nextRow() throws -> SheetRow?
    /// Merged ranges known so far (an xlsx sheet lists them after its rows).
    var mergesSeen: [CellRange] { get }
    /// How much of the input has been consumed (0…1), when the producer can tell.
    var fractionRead: Double? { get }
}

extension RowProducer {
    var fractionRead: Double? { nil }
}

/// Reads one sheet's rows in file order, one at a time, holding only the current row in memory.
///
/// Only rows with at least one non-empty cell are returned (blank and trailing empty rows never are);
/// `SheetRow.number` is the row's 1-based number in the file, so gaps show where blank rows were.
/// A row's trailing empty cells are trimmed, so ragged rows keep their true length.
/// Every error thrown is a `SpreadsheetError` naming file, sheet, row and column.
public final class SheetRowReader {
    public let sheet: SheetInfo
    private let producer: any RowProducer

    init(sheet: SheetInfo, producer: any RowProducer) {
        self.sheet = sheet
        self.producer = producer
    }

    /// The next non-empty row, or nil at the end of the sheet.
    public func next() throws -> SheetRow? {
        try producer.nextRow()
    }

    /// xlsx lists merged ranges after the rows: complete once `next()` has returned nil.
    /// Use `SpreadsheetFile.merges(sheet:)` to have them before reading. Always empty for CSV.
    public var merges: [CellRange] { producer.mergesSeen }

    /// How much of the file has been read (0…1): known for CSV (bytes), nil for xlsx.
    public var fractionRead: Double? { producer.fractionRead }
}
