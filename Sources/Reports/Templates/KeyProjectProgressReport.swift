import Domain

/// R1 重点项目建设进展情况表（月报）(DOMAIN.md §5.2): projects grouped 省重点 / 市重点 / 区重大 (each once,
/// in its highest level) with 小计, the 合计 row first, % columns recomputed from the sums.
public struct KeyProjectProgressReport: ReportTemplate {
    public let code = "R1"
    public let name = "重点项目建设进展情况表"
    public init() {}

    static let levels = ["省重点", "市重点", "区重大"]

    static func columns(_ p: ReportPeriod) -> [ReportColumn] {
        let invest = "投资情况（万元）"
        return [
            ReportColumn("序号", .index), ReportColumn("项目名称"), ReportColumn("项目编号", .index), ReportColumn("建设单位"),
            ReportColumn("建设性质", .index), ReportColumn("项目级别", .index), ReportColumn("建设规模及主要内容", .longText),
            ReportColumn("建设起止年限", .index),
            ReportColumn("总投资", group: invest, .money), ReportColumn("年度计划投资", group: invest, .money),
            ReportColumn("本月完成投资", group: invest, .money), ReportColumn("\(p.monthsLabel)累计完成投资", group: invest, .money),
            ReportColumn("占年度计划%", group: invest, .percent), ReportColumn("开工以来累计完成投资", group: invest, .money),
            ReportColumn("占总投资%", group: invest, .percent),
            ReportColumn("计划开工时间", group: "开工情况", .date), ReportColumn("实际开工时间", group: "开工情况", .date),
            ReportColumn("工程形象进度", .longText), ReportColumn("存在问题及需协调事项", .longText),
            ReportColumn("属地单位", group: "责任分工"), ReportColumn("责任单位", group: "责任分工"), ReportColumn("分包县处级领导", group: "责任分工"),
            ReportColumn("督查状态", .index), ReportColumn("备注", .longText),
        ]
    }

    /// One project's figures (元).
    struct Line {
        var values: [ReportValue]
        var total: Money, annual: Money, month: Money, ytd: Money, cum: Money
        var level: Int
    }

    /// Sums of one group (or all).
    struct Totals {
        var count: Int64 = 0
        var total = MoneySum(), annual = MoneySum(), month = MoneySum(), ytd = MoneySum(), cum = MoneySum()
        mutating func add(_ l: Line) throws {
            count += 1
            try total.add(l.total); try annual.add(l.annual); try month.add(l.month); try ytd.add(l.ytd); try cum.add(l.cum)
        }
        /// Values for columns 序号+名称 (label, spanned) … 占总投资%.
        func values(_ label: String) -> [ReportValue] {
            var v = [ReportValue](repeating: .empty, count: 8)
            v[0] = .text(label)
            return v + [
                .money(total.total), .money(annual.total), .money(month.total), .money(ytd.total),
                .percent(BasisPoints(part: ytd.total, of: annual.total)), .money(cum.total), .percent(BasisPoints(part: cum.total, of: total.total)),
            ]
        }
    }

    public func sheets(_ ctx: ReportContext) throws -> [ReportSheet] {
        let p = ctx.period
        let rows = try ctx.rows("""
            SELECT p.name, p.project_no, p.investor_name, p.nature, p.levels, p.content, p.start_year, p.end_year,
                   p.total_invest, pl.annual_invest, pp.month_invest, pp.ytd_invest, pp.cum_invest,
                   p.planned_start, p.actual_start, coalesce(pp.image_progress, p.image_progress),
                   trim(coalesce(pp.problems, p.problems, '') || ' ' || coalesce(pp.needs, '')),
                   lu.name, ru.name, pe.name, p.remark, p.stage
            FROM project p
            LEFT JOIN project_plan pl ON pl.project_id = p.id AND pl.year = ?
            LEFT JOIN project_progress pp ON pp.project_id = p.id AND pp.period = ?
            LEFT JOIN org_unit lu ON lu.id = p.lead_unit_id
            LEFT JOIN org_unit ru ON ru.id = p.resp_unit_id
            LEFT JOIN person pe ON pe.id = p.leader_id
            WHERE {owners}
            ORDER BY p.project_no, p._rid
            """, alias: "p", [.integer(Int64(p.year)), .text(p.description)])
        var lines: [Line] = []
        for r in rows {
            let levels = r.str(4)
            let level = Self.levels.firstIndex { levels.contains($0) } ?? 2
            let years = [r.int(6), r.int(7)].compactMap { $0 }.map(String.init).joined(separator: "—")
            let total = r.money(8), annual = r.money(9), month = r.money(10), ytd = r.money(11), cum = r.money(12)
            let completion = BasisPoints(part: ytd, of: annual)
            let light = ctx.lightRule.light(
                completion: completion, schedule: ctx.schedule, done: r.str(21) == "竣工投产",
                milestoneOverdueMonths: SupervisionLightReport.overdueMonths(planned: r.text(13), actual: r.text(14), period: p))
            let values: [ReportValue] = [
                .empty, r.value(0), r.value(1), r.value(2), r.value(3), .text(Self.levels[level]), r.value(5), years.isEmpty ? .empty : .text(years),
                .money(total), r[9].isNull ? .empty : .money(annual), r[10].isNull ? .empty : .money(month), r[11].isNull ? .empty : .money(ytd),
                .percent(completion), r[12].isNull ? .empty : .money(cum), .percent(BasisPoints(part: cum, of: total)),
                r.date(13), r.date(14), r.value(15), r.value(16), r.value(17), r.value(18), r.value(19), .text(light.word), r.value(20),
            ]
            lines.append(Line(values: values, total: total, annual: annual, month: month, ytd: ytd, cum: cum, level: level))
        }
        var all = Totals()
        var body: [ReportRow] = []
        var provincialCity = Totals()
        var ordinal = 0
        for (g, label) in Self.levels.enumerated() {
            let members = lines.filter { $0.level == g }
            guard !members.isEmpty else { continue }
            ordinal += 1
            var t = Totals()
            for m in members { try t.add(m); try all.add(m); if g < 2 { try provincialCity.add(m) } }
            body.append(ReportRow(.group, t.values("\(ReportText.ordinal(ordinal))、\(label)项目（\(t.count)个）小计"), labelSpan: 2))
            for (i, m) in members.enumerated() {
                var v = m.values
                v[0] = .count(Int64(i + 1))
                body.append(ReportRow(.detail, v))
            }
        }
        body.insert(ReportRow(.total, all.values("合计（\(all.count)个）"), labelSpan: 2), at: 0)
        let notes = [
            "说明：1.占年度计划% = \(p.monthsLabel)累计完成投资 ÷ 年度计划投资；占总投资% = 开工以来累计完成投资 ÷ 总投资；合计与小计的比例按合计数重新计算。",
            "2.全部 \(all.count) 个项目\(p.monthsLabel)累计完成投资 \(all.ytd.total.format(in: .yiYuan, decimals: 1, grouping: false)) 亿元；"
                + "其中省市重点项目 \(provincialCity.count) 个，开工以来累计完成投资 \(provincialCity.cum.total.format(in: .yiYuan, decimals: 1, grouping: false)) 亿元。",
            "3.督查状态按红黄蓝绿规则 \(ctx.lightRule.version) 计算（序时进度 \(ctx.schedule.format())%）。",
        ]
        return [ReportSheet(
            sheetName: "重点项目进展", title: "\(ctx.regionName)\(p.year)年重点项目建设进展情况表（\(p.monthsLabel)）",
            unitLine: ctx.unitLine, dateLine: ctx.dateLine, moneyUnit: .wanYuan, columns: Self.columns(p), rows: body, notes: notes)]
    }
}
