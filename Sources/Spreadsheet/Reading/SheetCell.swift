/// One cell as read from a file, before any domain meaning is given to it.
///
/// Readers never interpret text: a CSV cell is always `.text`, and only an xlsx file's own
/// types (numbers, booleans, errors, date-formatted numbers) produce the other cases.
public enum SheetCell: Sendable, Hashable {
    case empty
    case text(String)
    /// A number exactly as the file spells it (`"1234.5"`, `"1E-3"`), so amounts are parsed without binary rounding.
    case number(String)
    case bool(Bool)
    /// A number the file formats as a date or time (xlsx date formats, 1900 or 1904 system already applied).
    case date(SheetDate)
    /// A spreadsheet error value such as `#DIV/0!` or `#N/A`.
    case error(String)
}

/// A calendar date (and time of day) decoded from a spreadsheet serial number.
public struct SheetDate: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// The serial number as the file spelt it, for diagnostics.
    public var serial: String

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, serial: String) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.serial = serial
    }
}

/// One physical row of a sheet: its 1-based row number in the file and its cells, column A first.
public struct SheetRow: Sendable, Hashable {
    public var number: Int
    public var cells: [SheetCell]

    public init(number: Int, cells: [SheetCell]) {
        self.number = number
        self.cells = cells
    }

    /// The cell in a 0-based column, `.empty` beyond the row's end (ragged rows are normal).
    public subscript(column: Int) -> SheetCell {
        column < cells.count ? cells[column] : .empty
    }
}

/// A rectangular range of cells, 1-based rows and 0-based columns, inclusive.
public struct CellRange: Sendable, Hashable {
    public var firstRow: Int
    public var firstColumn: Int
    public var lastRow: Int
    public var lastColumn: Int

    public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }
}

/// Column letters as spreadsheets show them: 0 → "A", 25 → "Z", 26 → "AA", 16383 → "XFD".
public enum ColumnName {
    public static func letters(_ column: Int) -> String {
        precondition(column >= 0, "column index must not be negative")
        var n = column + 1
        var scalars: [Character] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            scalars.append(Character(UnicodeScalar(UInt8(65 + remainder))))
            n = (n - 1) / 26
        }
        return String(scalars.reversed())
    }

    /// The 0-based column index of letters such as "AB", or nil if they are not column letters.
    public static func index(_ letters: Substring) -> Int? {
        guard !letters.isEmpty, letters.count <= 3 else { return nil }
        var n = 0
        for byte in letters.utf8 {
            guard byte >= 65, byte <= 90 else { return nil }
            n = n * 26 + Int(byte - 64)
        }
        return n - 1
    }
}
