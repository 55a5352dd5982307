/// Whether a sheet shows as a tab.
public enum SheetVisibility: String, Sendable, Hashable {
    case visible
    case hidden
    /// Hidden so that only VBA can show it again (`state="veryHidden"`).
    case veryHidden
}

/// One sheet of a workbook as listed in the workbook, in tab order. A CSV file has one sheet named after the file.
public struct SheetInfo: Sendable, Hashable {
    public var name: String
    /// 1-based position in tab order, hidden sheets counted: the number `--sheet 2` selects.
    public var number: Int
    public var visibility: SheetVisibility

    public init(name: String, number: Int, visibility: SheetVisibility) {
        self.name = name
        self.number = number
        self.visibility = visibility
    }
}

/// Picks a sheet: by exact name, or by 1-based tab position (hidden sheets counted).
public enum SheetSelector: Sendable, Hashable {
    case name(String)
    case number(Int)

    /// The command-line form: a sheet name, or a 1-based number. A sheet whose name is that very
    /// number wins over the position (resolved in `SpreadsheetFile.sheet(_:)`).
    public init(argument: String) {
        if let n = Int(argument) { self = .number(n) } else { self = .name(argument) }
    }
}
