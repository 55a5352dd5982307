import Domain

/// R6 重点项目"红黄蓝绿"督查清单（月）: each project with an annual plan, its completion against 序时进度,
/// the light (fill colour and the word), how many months in a row it has had that light, and the action.
public struct SupervisionLightReport: ReportTemplate {
    public let code = "R6"
    public let name = "重点项目红黄蓝绿督查清单"
    public init() {}

    static let columns: [ReportColumn] = [
        ReportColumn("序号", .index), ReportColumn("项目名称"), ReportColumn("项目级别", .index), ReportColumn("属地单位"),
        ReportColumn("责任单位"), ReportColumn("分包县处级领导"), ReportColumn("年度计划投资", .money),
        ReportColumn("累计完成", .money), ReportColumn("完成率%", .percent), ReportColumn("序时进度%", .percent),
        ReportColumn("偏差(百分点)", .percent), ReportColumn("节点目标", .index), ReportColumn("节点完成情况", .index),
        ReportColumn("亮灯", .light), ReportColumn("连续亮灯月数", .count), ReportColumn("督办措施"), ReportColumn("整改时限", .index),
        ReportColumn("备注", .longText),
    ]

    /// Whole months a planned start is overdue at the end of `period` (0 when started or not yet due).
    static func overdueMonths(planned: String?, actual: String?, period: ReportPeriod) -> Int {
        guard let planned, actual == nil || actual == "", let due = ReportPeriod(String(planned.prefix(7))) else { return 0 }
        let months = (period.year - due.year) * 12 + (period.month - due.month)
        return max(0, months)
    }

    /// The light of a project for one month, before the consecutive-yellow rule.
    static func rawLight(_ ctx: ReportContext, ytd: Money?, annual: Money, done: Bool, planned: String?, actual: String?, at period: ReportPeriod) -> Light {
        let schedule = BasisPoints(part: Int64(period.month), of: 12) ?? BasisPoints(rawValue: 0)
        let completion = ytd.flatMap { BasisPoints(part: $0, of: annual) }
        let start = actual.flatMap { ReportPeriod(String($0.prefix(7))) }
        let startedByThen = start.map { $0 <= period } ?? false
        return ctx.lightRule.light(completion: completion, schedule: schedule, done: done,
                                   milestoneOverdueMonths: overdueMonths(planned: planned, actual: startedByThen ? actual : nil, period: period))
    }

    public func sheets(_ ctx: ReportContext) throws -> [ReportSheet] {
        let p = ctx.period
        let rows = try ctx.rows("""
            SELECT p.id, p.name, p.levels, lu.name, ru.name, pe.name, pl.annual_invest, p.planned_start, p.actual_start, p.stage, p.remark
            FROM project p
            JOIN project_plan pl ON pl.project_id = p.id AND pl.year = ? AND pl.annual_invest > 0
            LEFT JOIN org_unit lu ON lu.id = p.lead_unit_id
            LEFT JOIN org_unit ru ON ru.id = p.resp_unit_id
            LEFT JOIN person pe ON pe.id = p.leader_id
            WHERE {owners}
            ORDER BY p.project_no, p._rid
            """, alias: "p", [.integer(Int64(p.year))])
        var body: [ReportRow] = []
        var counts: [Light: Int] = [:]
        for (i, r) in rows.enumerated() {
            guard let id = r.text(0) else { continue }
            let annual = r.money(6)
            var ytdByMonth: [Int: Money] = [:]
            for pr in try ctx.source.db.query(
                "SELECT period, ytd_invest FROM project_progress WHERE project_id = ? AND period BETWEEN ? AND ?",
                [.text(id), .text(p.yearStart), .text(p.description)])
            {
                if let per = pr.text(0).flatMap(ReportPeriod.init), let v = pr.int(1) { ytdByMonth[per.month] = Money(yuan: v) }
            }
            let done = r.str(9) == "竣工投产"
            var history: [Light] = []
            for m in 1...p.month {
                let raw = Self.rawLight(ctx, ytd: ytdByMonth[m], annual: annual, done: done, planned: r.text(7), actual: r.text(8),
                                        at: ReportPeriod(year: p.year, month: m))
                history.append(ctx.lightRule.escalate(raw, after: history))
            }
            let light = history.last ?? .blue
            let run = history.reversed().prefix { $0 == light }.count
            counts[light, default: 0] += 1
            let ytd = ytdByMonth[p.month]
            let completion = ytd.flatMap { BasisPoints(part: $0, of: annual) }
            let gap = completion.map { $0 - ctx.schedule }
            let started = r.text(8).map { $0.isEmpty ? "未开工" : "已开工" } ?? "未开工"
            let action: String, deadline: String
            switch light {
            case .red: action = "约谈督办，专班推进"; deadline = ReportText.chineseDate(p.nextMonthEnd) ?? ""
            case .yellow: action = "提醒督办"; deadline = ReportText.chineseDate(p.nextMonthEnd) ?? ""
            case .blue: action = "跟踪推进"; deadline = ""
            case .green: action = ""; deadline = ""
            }
            body.append(ReportRow(.detail, [
                .count(Int64(i + 1)), r.value(1), r.value(2), r.value(3), r.value(4), r.value(5), .money(annual),
                ytd.map { .money($0) } ?? .empty, .percent(completion), .percent(ctx.schedule), .points(gap),
                r.date(7), .text(started), .light(light), .count(Int64(run)), .text(action), deadline.isEmpty ? .empty : .text(deadline), r.value(10),
            ]))
        }
        let summary = Light.allCases.reversed().map { "\($0.word) \(counts[$0] ?? 0) 个" }.joined(separator: "，")
        let notes = [
            Self.note(rows.count, summary, ctx.lightRule),
        ]
        return [ReportSheet(
            sheetName: "红黄蓝绿督查", title: "\(ctx.regionName)\(p.year)年重点项目“红黄蓝绿”督查清单（\(p.month)月）",
            unitLine: ctx.unitLine, dateLine: ctx.dateLine, moneyUnit: .wanYuan, columns: Self.columns, rows: body, notes: notes)]
    }
}

extension ReportPeriod {
    /// The last day of the following month (整改时限).
    var nextMonthEnd: String { (month == 12 ? ReportPeriod(year: year + 1, month: 1) : ReportPeriod(year: year, month: month + 1)).lastDay }
}

extension SupervisionLightReport {
    /// The note stating the counts and the light rule in force (percentage points as typed: 10, 12.5).
    static func note(_ count: Int, _ summary: String, _ rule: LightRule) -> String {
        func points(_ bp: Int64) -> String {
            let cents = bp % 100
            guard cents != 0 else { return "\(bp / 100)" }
            return cents % 10 == 0 ? "\(bp / 100).\(cents / 10)" : "\(bp / 100).\(cents < 10 ? "0" : "")\(cents)"
        }
        let blue = points(rule.blueBelow), yellow = points(rule.yellowBelow), months = rule.milestoneRedMonths
        let escalation = rule.yellowsToRed > 1 ? "或连续 \(rule.yellowsToRed) 个月黄灯" : ""
        return "说明：共 \(count) 个项目：\(summary)。亮灯规则 \(rule.version)：完成或达到序时进度为绿灯；低于序时进度不足 \(blue) 个百分点为蓝灯；"
            + "低于 \(blue)—\(yellow) 个百分点或开工节点滞后 \(months) 个月以内为黄灯；"
            + "低于超过 \(yellow) 个百分点、节点滞后超过 \(months) 个月\(escalation)为红灯。"
    }
}
