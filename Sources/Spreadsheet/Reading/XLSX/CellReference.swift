/// A1-style references: `B12` → column 1, row 12; `A1:C3` → a `CellRange`.
enum CellReference {
    /// Column (0-based, unbounded so that `XFE1` can be reported) and row (1-based, 0 if absent) of a reference's bytes.
    @inline(__always)
    static func parse(_ p: UnsafeMutablePointer<UInt8>, _ range: Range<Int>) -> (column: Int, row: Int)? {
        var i = range.lowerBound
        var column = 0
        var letters = 0
        while i < range.upperBound {
            let b = p[i] | 0x20   // lower-case letters too
            guard b >= 0x61, b <= 0x7A else { break }
            column = column * 26 + Int(b - 0x60)
            letters += 1
            if letters > 4 { return nil }
            i += 1
        }
        var row = 0
        var digits = 0
        while i < range.upperBound {
            let b = p[i]
            guard b >= 0x30, b <= 0x39 else { return nil }
            row = row * 10 + Int(b - 0x30)
            digits += 1
            if digits > 8 { return nil }
            i += 1
        }
        guard letters > 0 else { return nil }
        return (column - 1, row)
    }

    static func parse(_ text: String) -> (column: Int, row: Int)? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            return parse(base, 0..<buffer.count)
        }
    }

    static func range(_ text: String) -> CellRange? {
        let ends = text.split(separator: ":")
        guard let first = ends.first.flatMap({ parse(String($0)) }), first.row > 0 else { return nil }
        let last = ends.count > 1 ? parse(String(ends[1])) : first
        guard let last, last.row > 0 else { return nil }
        return CellRange(firstRow: min(first.row, last.row), firstColumn: min(first.column, last.column),
                         lastRow: max(first.row, last.row), lastColumn: max(first.column, last.column))
    }

    /// `C5`, for messages.
    static func name(column: Int, row: Int) -> String {
        column >= 0 ? ColumnName.letters(column) + String(row) : String(row)
    }
}
