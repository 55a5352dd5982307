/// The 栏次 row that official statistical forms put under the header: 甲、乙… over the text columns and
/// 1, 2, 3… over the figures, sometimes with 栏次 in the first cell. It numbers the columns; it is not data.
enum ColumnNumberingRow {
    /// The 天干 markers forms use for text columns.
    static let stems: Set<String> = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"]
    static let otherMarkers: Set<String> = ["栏次", "—", "－", "-"]

    /// Whether `row` is a numbering row for a header of `columnCount` columns: every filled cell a marker
    /// or a whole number, the numbers counting up by one from 1, and every column but one numbered (at
    /// least three), so that a short data row such as `甲,1` stays data.
    static func matches(_ row: SheetRow, columnCount: Int) -> Bool {
        var numbers: [Int] = []
        var stems = 0, markers = 0
        for cell in row.cells {
            let text: String
            switch cell {
            case .empty: continue
            case .text(let t): text = HeaderDetector.clean(t)
            case .number(let n): text = n
            default: return false
            }
            if text.isEmpty { continue }
            if Self.stems.contains(text) { stems += 1; continue }
            if otherMarkers.contains(text) { markers += 1; continue }
            guard let n = Int(text.hasSuffix(".0") ? String(text.dropLast(2)) : text) else { return false }
            numbers.append(n)
        }
        guard stems + markers + numbers.count >= max(3, columnCount - 1) else { return false }
        guard stems > 0 || numbers.count >= 3 else { return false }
        guard numbers.first.map({ $0 == 1 }) ?? true else { return false }
        return zip(numbers, numbers.dropFirst()).allSatisfy { $1 == $0 + 1 }
    }
}
