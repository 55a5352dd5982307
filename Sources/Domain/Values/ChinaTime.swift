/// A Unix-millisecond instant as a Beijing-time (UTC+8, no daylight saving) calendar date and time.
public struct ChinaTime: Sendable, Hashable {
    public let year: Int, month: Int, day: Int, hour: Int, minute: Int

    public init(millis: Int64) {
        let seconds = Int(millis / 1000) + 8 * 3600
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        hour = rest / 3600
        minute = rest % 3600 / 60
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// `2026-11-23 21:57`.
    public var text: String { "\(year)-\(Self.two(month))-\(Self.two(day)) \(Self.two(hour)):\(Self.two(minute))" }

    public static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
