/// A calendar day with the arithmetic dates need: validity, ISO text and Excel serial numbers.
struct CalendarDay: Sendable, Hashable {
    let year: Int, month: Int, day: Int

    init?(year: Int, month: Int, day: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month), day >= 1, day <= Self.daysIn(month, year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    var iso: String { "\(year)-\(Self.two(month))-\(Self.two(day))" }
    var isoMonth: String { "\(year)-\(Self.two(month))" }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// The day of an Excel serial in the 1900 system (1 = 1900-01-01; 60 is Excel's fictitious 1900-02-29).
    init?(excelSerial serial: Int) {
        guard serial >= 1, serial <= 2_958_465, serial != 60 else { return nil }
        // Days since 1970-01-01: serial 25569 = 1970-01-01 (for serials after the fictitious leap day).
        let days = serial < 60 ? serial - 25568 : serial - 25569
        let (y, m, d) = Self.civil(fromDays: days)
        self.init(year: y, month: m, day: d)
    }

    /// Howard Hinnant's civil_from_days.
    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
