/// Excel serial numbers → calendar dates, in the 1900 system (with its fictitious 1900-02-29 = 60) or the 1904 system.
enum ExcelDate {
    /// Largest serial Excel shows as a date (9999-12-31 in the 1900 system).
    static let maxSerial = 2_958_465.0

    static func date(serial text: String, uses1904: Bool) -> SheetDate? {
        guard let value = Double(text), value >= 0, value <= maxSerial else { return nil }
        var days = Int(value.rounded(.down))
        var seconds = Int(((value - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 { days += 1; seconds -= 86_400 }
        let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60)
        if uses1904 {
            let (y, mo, d) = civil(daysSinceEpoch: days + daysFrom1970(1904, 1, 1))
            return SheetDate(year: y, month: mo, day: d, hour: h, minute: m, second: s, serial: text)
        }
        if days == 60 { return SheetDate(year: 1900, month: 2, day: 29, hour: h, minute: m, second: s, serial: text) }
        let base = days < 60 ? daysFrom1970(1899, 12, 31) : daysFrom1970(1899, 12, 30)
        let (y, mo, d) = civil(daysSinceEpoch: base + days)
        return SheetDate(year: y, month: mo, day: d, hour: h, minute: m, second: s, serial: text)
    }

    /// ISO 8601 text of a `t="d"` cell (`2024-05-31` or `2024-05-31T08:30:00`).
    static func date(iso text: String) -> SheetDate? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "T" || $0 == ":" || $0 == " " || $0 == "Z" })
            .map { Int($0.prefix { $0 != "." }) }
        guard parts.count >= 3, let y = parts[0], let m = parts[1], let d = parts[2], (1...12).contains(m), (1...31).contains(d) else { return nil }
        let time = parts.dropFirst(3).map { $0 ?? 0 } + [0, 0, 0]
        return SheetDate(year: y, month: m, day: d, hour: time[0], minute: time[1], second: time[2], serial: text)
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFrom1970(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(daysSinceEpoch z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
