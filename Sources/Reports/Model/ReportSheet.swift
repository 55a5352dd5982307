public import Domain

/// One value of a report cell, in domain terms; the renderer turns it into an xlsx cell.
public enum ReportValue: Sendable, Hashable {
    case empty
    case text(String)
    /// An amount, shown in the sheet's money unit (万元 or 亿元) with fixed decimals.
    case money(Money)
    case count(Int64)
    /// A ratio computed from stored integers; nil (division by zero) shows as an empty cell.
    case percent(BasisPoints?)
    /// A percentage-point difference (完成率 − 序时进度), as basis points.
    case points(BasisPoints?)
    /// An ISO date `YYYY-MM-DD`, shown as `2024年5月25日`.
    case date(String)
    /// A 红黄蓝绿 light: the colour word in the cell, and the fill.
    case light(Light)
}

/// What a column holds and therefore how it is formatted and aligned.
public enum ColumnKind: Sendable, Hashable {
    /// 序号 and short codes: centred.
    case index
    case text
    /// Long text (建设内容, 形象进度): wrapped, width capped.
    case longText
    case money
    case count
    case percent
    case date
    case light
}

/// One leaf column of a report: its header, the optional group header above it (two-level headers),
/// and its kind.
public struct ReportColumn: Sendable, Hashable {
    public var header: String
    public var group: String?
    public var kind: ColumnKind

    public init(_ header: String, group: String? = nil, _ kind: ColumnKind = .text) {
        self.header = header
        self.group = group
        self.kind = kind
    }
}

/// One body row: detail, a group (小计) row, or the 合计 row.
public struct ReportRow: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case detail, group, total }
    public var kind: Kind
    /// Values for every column, in column order (shorter rows are padded with `.empty`).
    public var values: [ReportValue]
    /// For group and total rows: how many leading columns the label spans (merged).
    public var labelSpan: Int

    public init(_ kind: Kind = .detail, _ values: [ReportValue], labelSpan: Int = 1) {
        self.kind = kind
        self.values = values
        self.labelSpan = labelSpan
    }
}

/// One sheet of a report: title, the 填报单位 / 截至 / 单位 line, columns with their header tree, body
/// rows (合计 first), notes and the sign-off footer.
public struct ReportSheet: Sendable, Hashable {
    public var sheetName: String
    public var title: String
    /// Left part of the info line, e.g. `填报单位（盖章）：二七区发展和改革委员会`.
    public var unitLine: String
    /// Centre part, e.g. `截至：2023年6月30日`.
    public var dateLine: String
    /// The money unit of the sheet (shown as `单位：万元` on the right).
    public var moneyUnit: MoneyUnit
    public var columns: [ReportColumn]
    public var rows: [ReportRow]
    /// Lines under the table (说明, computed rates); the sign-off and data-state lines come after them.
    public var notes: [String]
    /// Columns frozen on the left when scrolling (序号 and the name).
    public var frozenColumns: Int

    public init(
        sheetName: String, title: String, unitLine: String, dateLine: String, moneyUnit: MoneyUnit,
        columns: [ReportColumn], rows: [ReportRow], notes: [String] = [], frozenColumns: Int = 2
    ) {
        self.sheetName = sheetName
        self.title = title
        self.unitLine = unitLine
        self.dateLine = dateLine
        self.moneyUnit = moneyUnit
        self.columns = columns
        self.rows = rows
        self.notes = notes
        self.frozenColumns = frozenColumns
    }
}
