internal import CDistrictXlsx

extension XlsxWorksheet {
    /// Sets the width (character units) and optional default style of columns `first...last`.
    public func setColumn(_ first: Int, _ last: Int, width: Double, style: CellStyle? = nil) throws {
        try checkColumns(first, last)
        guard WriterLimits.columnWidthRange.contains(width) else {
            throw XlsxError(.invalidArgument, "工作表「\(name)」列宽 \(width) 超出 0–255")
        }
        try XlsxError.check(
            worksheet_set_column(handle, lxw_col_t(first), lxw_col_t(last), width, try workbook.format(for: style)),
            "工作表「\(name)」设置列宽")
    }

    /// Sets a row's height in points (in constant-memory mode only the current or a later row).
    public func setRow(_ row: Int, height: Double, style: CellStyle? = nil) throws {
        try check(row, 0)
        guard (0...409).contains(height) else { throw XlsxError(.invalidArgument, "工作表「\(name)」第 \(row + 1) 行行高 \(height) 超出 0–409") }
        try XlsxError.check(worksheet_set_row(handle, lxw_row_t(row), height, try workbook.format(for: style)), "工作表「\(name)」设置行高")
    }

    /// Freezes the rows above `row` and the columns left of `column`.
    public func freezePanes(row: Int, column: Int) throws {
        guard (0..<WriterLimits.rows).contains(row), (0..<WriterLimits.columns).contains(column) else {
            throw XlsxError(.cellOutOfRange, "工作表「\(name)」冻结位置超出表格范围")
        }
        worksheet_freeze_panes(handle, lxw_row_t(row), lxw_col_t(column))
    }

    /// Puts filter buttons on the first row of `area`.
    public func autofilter(_ area: CellArea) throws {
        guard area.firstRow <= area.lastRow, area.firstColumn <= area.lastColumn, area.firstRow >= 0, area.firstColumn >= 0,
              area.lastRow < WriterLimits.rows, area.lastColumn < WriterLimits.columns
        else { throw XlsxError(.cellOutOfRange, "工作表「\(name)」筛选区域 \(area) 无效") }
        try XlsxError.check(
            worksheet_autofilter(handle, lxw_row_t(area.firstRow), lxw_col_t(area.firstColumn), lxw_row_t(area.lastRow), lxw_col_t(area.lastColumn)),
            "工作表「\(name)」设置筛选 \(area)")
    }

    func checkColumns(_ first: Int, _ last: Int) throws {
        guard first >= 0, first <= last, last < WriterLimits.columns else {
            throw XlsxError(.cellOutOfRange, "工作表「\(name)」列范围 \(first)–\(last) 无效")
        }
    }
}
