internal import CDistrictXlsx

/// One worksheet of an ``XlsxWorkbook``. Rows and columns are 0-based, as in libxlsxwriter.
///
/// Every write checks its cell against the sheet limits, its text against the cell length limit and,
/// in constant-memory mode, that it does not go back to a row already flushed. Merged ranges are
/// checked against each other: libxlsxwriter would accept overlaps that Excel then repairs.
public final class XlsxWorksheet {
    public let name: String
    unowned let workbook: XlsxWorkbook
    /// The owning workbook's identity, compared per cell without loading the unowned reference.
    let workbookID: ObjectIdentifier
    let handle: UnsafeMutablePointer<lxw_worksheet>
    let constantMemory: Bool
    /// The highest row written so far (constant-memory mode flushes rows before it). Unchecked for
    /// exclusivity: it is read and written once per cell, and the class is not `Sendable`.
    @exclusivity(unchecked) public private(set) var currentRow = -1
    /// The merged ranges, in the order they were made.
    public private(set) var merges: [CellArea] = []

    init(workbook: XlsxWorkbook, handle: UnsafeMutablePointer<lxw_worksheet>, name: String, constantMemory: Bool) {
        self.workbook = workbook
        self.workbookID = ObjectIdentifier(workbook)
        self.handle = handle
        self.name = name
        self.constantMemory = constantMemory
    }

    func place(_ row: Int, _ column: Int) -> String { "工作表「\(name)」单元格 \(CellArea.reference(row, column))" }

    /// Throws unless (row, column) is on the sheet and, in constant-memory mode, not behind the current row.
    func check(_ row: Int, _ column: Int) throws {
        guard row >= 0, row < WriterLimits.rows, column >= 0, column < WriterLimits.columns else {
            throw XlsxError(.cellOutOfRange, "工作表「\(name)」第 \(row + 1) 行第 \(column + 1) 列超出表格范围（1,048,576 行 × 16,384 列）")
        }
        if constantMemory && row < currentRow {
            throw XlsxError(.rowOrder, "\(place(row, column))：节省内存模式下只能按行顺序写入，当前已写到第 \(currentRow + 1) 行")
        }
    }

    func noteWritten(_ row: Int) { if row > currentRow { currentRow = row } }

    private func format(_ style: CellStyle?) throws -> UnsafeMutablePointer<lxw_format>? { try workbook.format(for: style) }

    /// Writes text (always a string cell; text starting with `=` is never turned into a formula).
    public func write(_ row: Int, _ column: Int, _ text: String, style: CellStyle? = nil) throws {
        try check(row, column)
        try WriterLimits.checkCellText(text, at: place(row, column))
        let f = try format(style)
        if text.isEmpty {
            try XlsxError.check(worksheet_write_blank(handle, lxw_row_t(row), lxw_col_t(column), f), place(row, column))
        } else {
            try XlsxError.check(worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(column), text, f), place(row, column))
        }
        noteWritten(row)
    }

    /// Writes a number (finite only).
    public func write(_ row: Int, _ column: Int, _ number: Double, style: CellStyle? = nil) throws {
        try check(row, column)
        guard number.isFinite else { throw XlsxError(.invalidNumber, "\(place(row, column))：数值 \(number) 不是有限数") }
        try XlsxError.check(worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(column), number, try format(style)), place(row, column))
        noteWritten(row)
    }

    /// Writes a formula (US-English function names, comma separators) with the value readers that do not
    /// recalculate will show; pass the value computed in Swift, since libxlsxwriter stores 0 otherwise.
    public func writeFormula(_ row: Int, _ column: Int, _ formula: String, cachedValue: Double, style: CellStyle? = nil) throws {
        try check(row, column)
        guard !formula.isEmpty, formula.unicodeScalars.count <= WriterLimits.formulaCharacters, !formula.utf8.contains(0) else {
            throw XlsxError(.invalidArgument, "\(place(row, column))：公式为空或超过 \(WriterLimits.formulaCharacters) 个字符")
        }
        guard cachedValue.isFinite else { throw XlsxError(.invalidNumber, "\(place(row, column))：公式结果不是有限数") }
        try XlsxError.check(
            worksheet_write_formula_num(handle, lxw_row_t(row), lxw_col_t(column), formula, try format(style), cachedValue),
            place(row, column))
        noteWritten(row)
    }

    /// Writes an empty cell that carries a style (borders of empty cells in a table).
    public func writeBlank(_ row: Int, _ column: Int, style: CellStyle?) throws {
        try check(row, column)
        try XlsxError.check(worksheet_write_blank(handle, lxw_row_t(row), lxw_col_t(column), try format(style)), place(row, column))
        noteWritten(row)
    }

    /// Writes a calendar date (and time); give the style a date number format.
    public func writeDate(
        _ row: Int, _ column: Int, year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
        style: CellStyle?
    ) throws {
        try check(row, column)
        guard DateCheck.isValid(year: year, month: month, day: day), (0..<24).contains(hour), (0..<60).contains(minute),
              (0..<60).contains(second)
        else {
            throw XlsxError(.invalidDate, "\(place(row, column))：日期 \(year)-\(month)-\(day) \(hour):\(minute):\(second) 无效")
        }
        var dt = lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: Int32(hour), min: Int32(minute), sec: Double(second))
        try XlsxError.check(worksheet_write_datetime(handle, lxw_row_t(row), lxw_col_t(column), &dt, try format(style)), place(row, column))
        noteWritten(row)
    }

    /// Merges `area` (two cells or more) showing `text`; every cell of the area gets `style` (borders).
    /// Refuses an area that overlaps an earlier merge, and in constant-memory mode anything but the current row.
    public func merge(_ area: CellArea, _ text: String, style: CellStyle?) throws {
        try check(area.firstRow, area.firstColumn)
        try check(area.lastRow, area.lastColumn)
        guard area.firstRow <= area.lastRow, area.firstColumn <= area.lastColumn else {
            throw XlsxError(.invalidArgument, "工作表「\(name)」合并区域 \(area) 的起止顺序颠倒")
        }
        guard !area.isSingleCell else { throw XlsxError(.singleCellMerge, "工作表「\(name)」不能合并单个单元格 \(area)") }
        if constantMemory && area.firstRow != area.lastRow {
            throw XlsxError(.rowOrder, "工作表「\(name)」节省内存模式下不能跨行合并 \(area)")
        }
        if let other = merges.first(where: { $0.overlaps(area) }) {
            throw XlsxError(.overlappingMerge, "工作表「\(name)」合并区域 \(area) 与已合并的 \(other) 重叠")
        }
        try WriterLimits.checkCellText(text, at: place(area.firstRow, area.firstColumn))
        try XlsxError.check(
            worksheet_merge_range(
                handle, lxw_row_t(area.firstRow), lxw_col_t(area.firstColumn), lxw_row_t(area.lastRow), lxw_col_t(area.lastColumn),
                text, try format(style)),
            "工作表「\(name)」合并 \(area)")
        merges.append(area)
        noteWritten(area.lastRow)
    }

    /// Merges `area` and puts a number in it (written over the merge's first cell).
    public func merge(_ area: CellArea, _ number: Double, style: CellStyle?) throws {
        try merge(area, "", style: style)
        try write(area.firstRow, area.firstColumn, number, style: style)
    }
}

/// Calendar checks for dates handed to C (libxlsxwriter 1.1.4 does none).
enum DateCheck {
    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1900...9999).contains(year), (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }
}
