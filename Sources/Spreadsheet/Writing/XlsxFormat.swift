internal import CDistrictXlsx

/// A style already turned into a workbook format, for hot loops that write many cells with the same
/// look (skips the per-cell style lookup). Valid only for the workbook that made it.
public struct XlsxFormat {
    let pointer: UnsafeMutablePointer<lxw_format>?
    let book: ObjectIdentifier
}

extension XlsxWorkbook {
    /// The format for `style`, created once (the same cache the style-taking writes use).
    public func format(_ style: CellStyle) throws -> XlsxFormat {
        XlsxFormat(pointer: try format(for: style), book: ObjectIdentifier(self))
    }
}

extension XlsxWorksheet {
    func resolve(_ format: XlsxFormat?) throws -> UnsafeMutablePointer<lxw_format>? {
        guard let format else { return nil }
        guard format.book == workbookID else {
            throw XlsxError(.invalidArgument, "工作表「\(name)」：格式来自另一个工作簿")
        }
        return format.pointer
    }

    /// Writes text with a pre-resolved format (same checks as ``write(_:_:_:style:)``).
    public func write(_ row: Int, _ column: Int, _ text: String, format: XlsxFormat?) throws {
        try check(row, column)
        try WriterLimits.checkCellText(text, at: place(row, column))
        let f = try resolve(format)
        let e = text.isEmpty ? worksheet_write_blank(handle, lxw_row_t(row), lxw_col_t(column), f)
                             : worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(column), text, f)
        try XlsxError.check(e, place(row, column))
        noteWritten(row)
    }

    /// Writes a number with a pre-resolved format.
    public func write(_ row: Int, _ column: Int, _ number: Double, format: XlsxFormat?) throws {
        try check(row, column)
        guard number.isFinite else { throw XlsxError(.invalidNumber, "\(place(row, column))：数值 \(number) 不是有限数") }
        try XlsxError.check(worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(column), number, try resolve(format)), place(row, column))
        noteWritten(row)
    }

    /// Writes a date with a pre-resolved format.
    public func writeDate(_ row: Int, _ column: Int, year: Int, month: Int, day: Int, format: XlsxFormat?) throws {
        try check(row, column)
        guard DateCheck.isValid(year: year, month: month, day: day) else {
            throw XlsxError(.invalidDate, "\(place(row, column))：日期 \(year)-\(month)-\(day) 无效")
        }
        var dt = lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: 0, min: 0, sec: 0)
        try XlsxError.check(worksheet_write_datetime(handle, lxw_row_t(row), lxw_col_t(column), &dt, try resolve(format)), place(row, column))
        noteWritten(row)
    }

    /// Writes UTF-8 text straight from bytes, without building a `String` (streaming exports). `text`
    /// must end with one NUL, which is not part of the text; same checks as the `String` writes.
    public func write(_ row: Int, _ column: Int, utf8CString text: UnsafeBufferPointer<CChar>, format: XlsxFormat?) throws {
        try check(row, column)
        guard let base = text.baseAddress, text.count > 0, text[text.count - 1] == 0 else {
            throw XlsxError(.invalidArgument, "\(place(row, column))：文字缓冲区必须以 NUL 结尾")
        }
        let length = text.count - 1
        try WriterLimits.checkCellText(utf8: UnsafeRawBufferPointer(start: base, count: length), at: place(row, column))
        let f = try resolve(format)
        let e = length == 0 ? worksheet_write_blank(handle, lxw_row_t(row), lxw_col_t(column), f)
                            : worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(column), base, f)
        try XlsxError.check(e, place(row, column))
        noteWritten(row)
    }
}
