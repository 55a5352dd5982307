/// How a cell is shown in messages and by `dsync inspect`.
extension SheetCell {
    /// The value as text: text as is, numbers as spelt, dates as `2024-05-31` (with `T08:30:00` if a time is set),
    /// booleans `TRUE`/`FALSE`, errors as `#N/A`, empty as "".
    public var displayText: String {
        switch self {
        case .empty: ""
        case .text(let t): t
        case .number(let n): n
        case .bool(let b): b ? "TRUE" : "FALSE"
        case .date(let d): d.isoText
        case .error(let e): e
        }
    }

    /// `empty`, `text`, `number`, `bool`, `date` or `error` (stable; used in `dsync inspect --json`).
    public var kindName: String {
        switch self {
        case .empty: "empty"
        case .text: "text"
        case .number: "number"
        case .bool: "bool"
        case .date: "date"
        case .error: "error"
        }
    }
}

extension SheetDate {
    /// `2024-05-31`, or `2024-05-31T08:30:00` when the time of day is not midnight.
    public var isoText: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var y = String(year)
        while y.count < 4 { y = "0" + y }
        let date = "\(y)-\(two(month))-\(two(day))"
        if hour == 0, minute == 0, second == 0 { return date }
        return date + "T\(two(hour)):\(two(minute)):\(two(second))"
    }
}

extension CellRange {
    /// `A1:J1` (a single cell as `B2`).
    public var a1: String {
        let first = ColumnName.letters(firstColumn) + String(firstRow)
        let last = ColumnName.letters(lastColumn) + String(lastRow)
        return first == last ? first : first + ":" + last
    }
}
