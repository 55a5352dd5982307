/// How a cell looks: font, fill, borders, alignment and number format, as a value.
///
/// A workbook turns each distinct style into one libxlsxwriter format and reuses it
/// (`XlsxWorkbook.format(for:)`), so callers describe styles freely without multiplying formats.
public struct CellStyle: Sendable, Hashable {
    public enum Horizontal: Sendable, Hashable { case general, left, center, right, centerAcross }
    public enum Vertical: Sendable, Hashable { case top, center, bottom }
    public enum Border: Sendable, Hashable { case none, thin, medium }

    public var fontName: String?
    /// Font size in points (1–409).
    public var fontSize: Double?
    public var bold: Bool
    /// Font colour as 0xRRGGBB.
    public var fontColor: UInt32?
    /// Solid fill colour as 0xRRGGBB.
    public var fill: UInt32?
    public var border: Border
    public var horizontal: Horizontal
    public var vertical: Vertical?
    public var wrap: Bool
    /// An Excel number format in US-locale form, e.g. `#,##0.00` or `0.00"%"`.
    public var numberFormat: String?

    public init(
        fontName: String? = nil, fontSize: Double? = nil, bold: Bool = false, fontColor: UInt32? = nil,
        fill: UInt32? = nil, border: Border = .none, horizontal: Horizontal = .general, vertical: Vertical? = nil,
        wrap: Bool = false, numberFormat: String? = nil
    ) {
        self.fontName = fontName
        self.fontSize = fontSize
        self.bold = bold
        self.fontColor = fontColor
        self.fill = fill
        self.border = border
        self.horizontal = horizontal
        self.vertical = vertical
        self.wrap = wrap
        self.numberFormat = numberFormat
    }

    /// The default look (no format record).
    public static let plain = CellStyle()
}
