public import Domain
public import SQLiteDB
import Foundation

/// Everything a template needs: the source, the period, the scope of row owners, and the labels of the
/// info line and the data-state line.
public final class ReportContext {
    public let source: ReportSource
    public let period: ReportPeriod
    /// The unit the report is made for (填报单位): an office, a district or the city.
    public let unit: ReportSource.UnitInfo
    /// Owner codes whose rows are included.
    public let owners: Set<String>
    /// The district name used in titles (`二七区`), or the city's for a city-wide report.
    public let regionName: String
    /// The district (or city) the unit belongs to; rankings list the offices under it.
    public let region: ReportSource.UnitInfo
    public let lightRule: LightRule

    public init(source: ReportSource, period: ReportPeriod, unitCode: String? = nil, lightRule: LightRule = .standard) throws {
        self.source = source
        self.period = period
        self.lightRule = lightRule
        let code = unitCode ?? source.office ?? "410100"
        guard let unit = source.unit(code: code) else {
            throw ReportError("report.unknown_unit", "单位代码 \(code) 不在单位名录中（见 dsync units）")
        }
        self.unit = unit
        owners = source.codes(under: code)
        // The region in titles: the unit itself if it is a district or city, else its district.
        var region = unit
        while !["区县", "市", "省"].contains(Self.kind(of: region, in: source)), let p = region.parentID, let parent = source.units[p] {
            region = parent
        }
        regionName = region.name
        self.region = region
    }

    static func kind(of unit: ReportSource.UnitInfo, in source: ReportSource) -> String {
        (try? source.db.scalar("SELECT kind FROM org_unit WHERE id = ?", [.text(unit.id)])?.text) ?? ""
    }

    /// `owner_unit_id IN (?, …)` over the scope, with its arguments; `alias` prefixes the column.
    public func ownerFilter(_ alias: String) -> (sql: String, args: [SQLValue]) {
        let sorted = owners.sorted()
        return ("\(alias).owner_unit_id IN (\(Array(repeating: "?", count: sorted.count).joined(separator: ", ")))", sorted.map { .text($0) })
    }

    /// `填报单位（盖章）：…`.
    public var unitLine: String { "填报单位（盖章）：\(unit.name)" }
    /// `截至：2023年6月30日`.
    public var dateLine: String { "截至：\(period.lastDayChinese)" }

    /// 序时进度 for the period: months elapsed ÷ 12.
    public var schedule: BasisPoints { BasisPoints(part: Int64(period.month), of: 12) ?? BasisPoints(rawValue: 0) }

    /// The line stating what state the report was produced from.
    public func dataStateLine() throws -> String {
        let file = source.displayName
        let kind = source.kind == .replica ? "副本" : "中心库"
        let states = try source.syncState()
        let parts = states.map { s -> String in
            let name = source.unit(code: s.office)?.name ?? s.office
            guard let t = s.lastSync else { return "\(name) 未同步" }
            return "\(name) \(Self.formatTime(t))"
        }
        var line = "数据来源：\(kind) \(file)；最后同步：" + (parts.isEmpty ? "无" : parts.joined(separator: "，"))
        if let closed = try source.periodClosed(period.description) {
            line += closed ? "；填报期 \(period) 已关账" : "；填报期 \(period) 未关账"
        }
        return line
    }

    /// Milliseconds since 1970 as `2026-11-23 19:57` in China Standard Time (UTC+8).
    static func formatTime(_ millis: Int64) -> String { ChinaTime(millis: millis).text }
}
