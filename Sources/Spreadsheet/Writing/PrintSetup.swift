internal import CDistrictXlsx

/// Page setup for printing a sheet: paper, orientation, scaling, repeated rows, header/footer, margins.
public struct PrintSetup: Sendable, Hashable {
    /// Margins in inches (libxlsxwriter's unit); ``millimetres(top:bottom:left:right:)`` converts.
    public struct Margins: Sendable, Hashable {
        public var left: Double, right: Double, top: Double, bottom: Double
        public init(left: Double, right: Double, top: Double, bottom: Double) {
            self.left = left
            self.right = right
            self.top = top
            self.bottom = bottom
        }
        public static func millimetres(top: Double, bottom: Double, left: Double, right: Double) -> Margins {
            Margins(left: left / 25.4, right: right / 25.4, top: top / 25.4, bottom: bottom / 25.4)
        }
    }

    public var landscape: Bool
    /// Excel paper code: 9 = A4, 8 = A3.
    public var paper: Int
    /// Fit to this many pages wide (0 = as many as needed).
    public var fitWidth: Int?
    /// Fit to this many pages tall (0 = as many as needed).
    public var fitHeight: Int
    /// Rows printed at the top of every page (0-based, inclusive).
    public var repeatRows: ClosedRange<Int>?
    public var header: String?
    /// Footer codes: `&P` page, `&N` pages, `&C` centre, e.g. `&C第 &P 页 共 &N 页`.
    public var footer: String?
    public var margins: Margins?
    public var centerHorizontally: Bool

    public init(
        landscape: Bool = true, paper: Int = 9, fitWidth: Int? = 1, fitHeight: Int = 0, repeatRows: ClosedRange<Int>? = nil,
        header: String? = nil, footer: String? = nil, margins: Margins? = nil, centerHorizontally: Bool = true
    ) {
        self.landscape = landscape
        self.paper = paper
        self.fitWidth = fitWidth
        self.fitHeight = fitHeight
        self.repeatRows = repeatRows
        self.header = header
        self.footer = footer
        self.margins = margins
        self.centerHorizontally = centerHorizontally
    }
}

extension XlsxWorksheet {
    /// Applies a print setup (validated: paper code, page counts, header/footer length, margins).
    public func setPrint(_ p: PrintSetup) throws {
        guard (0...118).contains(p.paper) else { throw XlsxError(.invalidArgument, "工作表「\(name)」纸张代码 \(p.paper) 无效") }
        guard (p.fitWidth ?? 0) >= 0, (p.fitWidth ?? 0) <= 32767, (0...32767).contains(p.fitHeight) else {
            throw XlsxError(.invalidArgument, "工作表「\(name)」缩放页数无效")
        }
        if p.landscape { worksheet_set_landscape(handle) } else { worksheet_set_portrait(handle) }
        worksheet_set_paper(handle, UInt8(p.paper))
        if let w = p.fitWidth { worksheet_fit_to_pages(handle, UInt16(w), UInt16(p.fitHeight)) }
        if let rows = p.repeatRows {
            try check(rows.upperBound, 0)
            guard rows.lowerBound >= 0 else { throw XlsxError(.cellOutOfRange, "工作表「\(name)」重复标题行无效") }
            try XlsxError.check(worksheet_repeat_rows(handle, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)), "工作表「\(name)」设置重复标题行")
        }
        for (text, isHeader) in [(p.header, true), (p.footer, false)] {
            guard let text else { continue }
            guard text.unicodeScalars.count <= WriterLimits.headerFooterCharacters, !text.utf8.contains(0) else {
                throw XlsxError(.lxw255StringLengthExceeded, "工作表「\(name)」页眉/页脚超过 \(WriterLimits.headerFooterCharacters) 个字符")
            }
            let e = isHeader ? worksheet_set_header(handle, text) : worksheet_set_footer(handle, text)
            try XlsxError.check(e, "工作表「\(name)」设置页眉/页脚")
        }
        if let m = p.margins {
            guard [m.left, m.right, m.top, m.bottom].allSatisfy({ $0.isFinite && $0 >= 0 && $0 < 50 }) else {
                throw XlsxError(.invalidArgument, "工作表「\(name)」页边距无效")
            }
            worksheet_set_margins(handle, m.left, m.right, m.top, m.bottom)
        }
        if p.centerHorizontally { worksheet_center_horizontally(handle) }
    }
}
