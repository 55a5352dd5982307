import Spreadsheet

/// The look of official submissions (DOMAIN.md §2.2): 方正小标宋简体 title, 仿宋_GB2312 lines and body,
/// 黑体 headers, thin borders, fixed decimals. Fonts fall back in Excel/WPS to 宋体, 仿宋, 黑体.
public struct ReportStyles: Sendable {
    public var titleFont = "方正小标宋简体"
    public var titleSize = 20.0
    public var bodyFont = "仿宋_GB2312"
    public var bodySize = 11.0
    public var lineSize = 12.0
    public var headerFont = "黑体"
    public var headerSize = 11.0
    public var moneyFormat = "#,##0.00"
    public var countFormat = "#,##0"
    public var percentFormat = "0.00"
    public var dateFormat = "yyyy\"年\"m\"月\"d\"日\""

    public init() {}

    public static let standard = ReportStyles()

    var title: CellStyle { CellStyle(fontName: titleFont, fontSize: titleSize, horizontal: .center, vertical: .center) }
    func line(_ h: CellStyle.Horizontal) -> CellStyle { CellStyle(fontName: bodyFont, fontSize: lineSize, horizontal: h, vertical: .center) }
    var header: CellStyle {
        CellStyle(fontName: headerFont, fontSize: headerSize, border: .thin, horizontal: .center, vertical: .center, wrap: true)
    }
    var note: CellStyle { CellStyle(fontName: bodyFont, fontSize: bodySize, horizontal: .left, vertical: .center, wrap: true) }

    /// The style of a body cell of `kind` in a row of `rowKind`.
    func body(_ kind: ColumnKind, _ rowKind: ReportRow.Kind, fill: UInt32? = nil) -> CellStyle {
        var s = CellStyle(fontName: bodyFont, fontSize: bodySize, bold: rowKind != .detail, border: .thin, vertical: .center)
        switch kind {
        case .index, .date: s.horizontal = .center
        case .text: s.horizontal = .left; s.wrap = true
        case .longText: s.horizontal = .left; s.wrap = true
        case .money: s.horizontal = .right; s.numberFormat = moneyFormat
        case .count: s.horizontal = .right; s.numberFormat = countFormat
        case .percent: s.horizontal = .right; s.numberFormat = percentFormat
        case .light: s.horizontal = .center; s.bold = true
        }
        if kind == .date { s.numberFormat = dateFormat }
        s.fill = fill
        return s
    }

    /// The label cell of a group or total row.
    func label(_ rowKind: ReportRow.Kind) -> CellStyle {
        CellStyle(fontName: bodyFont, fontSize: bodySize, bold: true, border: .thin, horizontal: rowKind == .total ? .center : .left, vertical: .center)
    }
}
