/// A report month `YYYY-MM`.
public struct ReportPeriod: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1]),
              (1900...9999).contains(y), (1...12).contains(m)
        else { return nil }
        year = y
        month = m
    }

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// `2023-06`.
    public var description: String { "\(year)-" + (month < 10 ? "0" : "") + "\(month)" }
    /// The period text of the year's first month (`2023-01`), for year-to-date ranges.
    public var yearStart: String { "\(year)-01" }
    /// The last day of the month as ISO text, `2023-06-30`.
    public var lastDay: String {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return description + "-\(days)"
    }
    /// `2023年6月30日`.
    public var lastDayChinese: String { ReportText.chineseDate(lastDay) ?? lastDay }
    /// The previous month.
    public var previous: ReportPeriod { month == 1 ? ReportPeriod(year: year - 1, month: 12) : ReportPeriod(year: year, month: month - 1) }
    /// `1—6月`.
    public var monthsLabel: String { month == 1 ? "1月" : "1—\(month)月" }

    public static func < (a: ReportPeriod, b: ReportPeriod) -> Bool { (a.year, a.month) < (b.year, b.month) }
}

/// Small text helpers shared by the templates.
public enum ReportText {
    /// `2023-06-30` → `2023年6月30日`; nil for text that is not an ISO date.
    public static func chineseDate(_ iso: String) -> String? {
        let p = iso.prefix(10).split(separator: "-")
        guard p.count == 3, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]) else { return nil }
        return "\(y)年\(m)月\(d)日"
    }

    /// Chinese ordinals for group headers: 1 → 一, 10 → 十, 12 → 十二.
    public static func ordinal(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard n > 0, n < 100 else { return String(n) }
        if n < 10 { return digits[n] }
        let tens = n / 10, ones = n % 10
        return (tens == 1 ? "" : digits[tens]) + "十" + (ones == 0 ? "" : digits[ones])
    }
}
