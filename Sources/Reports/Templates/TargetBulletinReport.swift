import Foundation
import Domain

/// R5 年度目标任务完成情况通报: sheet 1 each target with its completion against 序时进度, the light and
/// the rank; sheet 2 the ranking of offices (月评比) on signings, new starts, investment and leads.
public struct TargetBulletinReport: ReportTemplate {
    public let code = "R5"
    public let name = "年度目标任务完成情况通报"
    public init() {}

    /// Score weights of the office ranking (points out of 100).
    public static let weights: (signed: Int64, started: Int64, invest: Int64, leads: Int64) = (30, 30, 30, 10)

    /// Parses a plain decimal (`35`, `6.8`, `1,000`) into ten-thousandths, exactly; nil for anything else.
    static func scaled(_ text: String?) -> Int64? {
        guard var t = text?.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        let negative = t.hasPrefix("-")
        if negative { t.removeFirst() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int64(parts[0].isEmpty ? "0" : String(parts[0])), whole < 100_000_000_000_000 else { return nil }
        var frac: Int64 = 0
        if parts.count == 2 {
            let f = parts[1].prefix(4)
            guard f.allSatisfy(\.isNumber), let v = Int64(f.isEmpty ? "0" : String(f)) else { return nil }
            frac = v * [1, 1000, 100, 10, 1][f.count]
        }
        let v = whole * 10_000 + frac
        return negative ? -v : v
    }

    public func sheets(_ ctx: ReportContext) throws -> [ReportSheet] {
        [try targetSheet(ctx), try rankingSheet(ctx)]
    }

    func targetSheet(_ ctx: ReportContext) throws -> ReportSheet {
        let p = ctx.period
        let rows = try ctx.rows("""
            SELECT i.name, i.unit, i.attribute, t.value, t.original_text, t.comparator,
                   (SELECT v.value FROM indicator_value v WHERE v.target_id = t.id AND v.period BETWEEN ? AND ? ORDER BY v.period DESC LIMIT 1),
                   ru.name, t.is_aspirational
            FROM target t JOIN indicator i ON i.id = t.indicator_id
            LEFT JOIN org_unit ru ON ru.id = i.resp_unit_id
            WHERE t.period = ? AND {owners}
            ORDER BY i.code, t._rid
            """, alias: "t", [.text(p.yearStart), .text(p.description), .text(String(p.year))])
        struct Item { var values: [ReportValue]; var completion: BasisPoints? }
        var items: [Item] = []
        for r in rows {
            let target = Self.scaled(r.text(3)), done = Self.scaled(r.text(6))
            let lowerIsBetter = ["LE", "LT", "≤", "<"].contains(r.str(5))
            var completion: BasisPoints?
            if let target, let done {
                completion = lowerIsBetter ? (done <= target ? BasisPoints(rawValue: 10_000) : BasisPoints(part: target, of: done))
                                           : BasisPoints(part: done, of: target)
            }
            let gap = completion.map { $0 - ctx.schedule }
            let light = ctx.lightRule.light(completion: completion, schedule: ctx.schedule, done: (completion?.rawValue ?? 0) >= 10_000, milestoneOverdueMonths: 0)
            items.append(Item(values: [
                .empty, r.value(0), r.value(1), r.value(2), r.value(3), r.value(4), r.value(6), .percent(completion), .percent(ctx.schedule),
                .points(gap), .light(light), r.value(7), .empty, r.int(8) == 1 ? .text("力争") : .empty,
            ], completion: completion))
        }
        let ranks = Self.ranks(items.map { $0.completion?.rawValue ?? Int64.min })
        var body: [ReportRow] = []
        for (i, item) in items.enumerated() {
            var v = item.values
            v[0] = .count(Int64(i + 1))
            v[12] = item.completion == nil ? .empty : .count(Int64(ranks[i]))
            body.append(ReportRow(.detail, v))
        }
        return ReportSheet(
            sheetName: "目标任务", title: "\(ctx.regionName)\(p.year)年主要目标任务完成情况通报（第\(ReportText.ordinal((p.month + 2) / 3))季度）",
            unitLine: ctx.unitLine, dateLine: ctx.dateLine, moneyUnit: .wanYuan,
            columns: [
                ReportColumn("序号", .index), ReportColumn("指标名称"), ReportColumn("单位", .index), ReportColumn("属性", .index),
                ReportColumn("年度目标", .index), ReportColumn("目标表述", .longText), ReportColumn("\(p.monthsLabel)完成", .index),
                ReportColumn("完成率%", .percent), ReportColumn("序时进度%", .percent), ReportColumn("较序时进度(±百分点)", .percent),
                ReportColumn("状态", .light), ReportColumn("责任单位"), ReportColumn("排名", .count), ReportColumn("备注", .longText),
            ],
            rows: body,
            notes: ["说明：完成率由完成值与目标值精确计算（不采用填报的百分比）；“越小越好”的指标按 目标值 ÷ 完成值 计；序时进度 = 月数 ÷ 12。"])
    }

    /// Dense-free competition ranks (1, 2, 2, 4) of `scores`, highest first.
    static func ranks(_ scores: [Int64]) -> [Int] {
        scores.map { s in scores.filter { $0 > s }.count + 1 }
    }

    func rankingSheet(_ ctx: ReportContext) throws -> ReportSheet {
        let p = ctx.period
        // Offices: the region's townships and 管委会, with or without data.
        let regionCodes = ctx.source.codes(under: ctx.region.code)
        let offices = ctx.source.units.values
            .filter { regionCodes.contains($0.code) }
            .map { ($0, ReportContext.kind(of: $0, in: ctx.source)) }
            .filter { ["街道", "镇", "乡", "管委会"].contains($0.1) }
            .sorted { ($0.1 == "管委会" ? 1 : 0, $0.0.code) < ($1.1 == "管委会" ? 1 : 0, $1.0.code) }
            .map(\.0)
        struct Figures { var signCount: Int64 = 0; var signed = MoneySum(); var startCount: Int64 = 0; var startInvest = MoneySum(); var invest = MoneySum(); var leads: Int64 = 0 }
        var f: [String: Figures] = [:]
        for r in try ctx.rows("SELECT s.lead_unit_id, s.signed_amount FROM signing s WHERE s.sign_date BETWEEN ? AND ? AND {owners}", alias: "s",
                              [.text("\(p.year)-01-01"), .text(p.lastDay)]) {
            guard let u = r.text(0) else { continue }
            f[u, default: Figures()].signCount += 1
            try f[u, default: Figures()].signed.add(r.money(1))
        }
        for r in try ctx.rows("SELECT p.lead_unit_id, p.total_invest FROM project p WHERE p.actual_start BETWEEN ? AND ? AND {owners}", alias: "p",
                              [.text("\(p.year)-01-01"), .text(p.lastDay)]) {
            guard let u = r.text(0) else { continue }
            f[u, default: Figures()].startCount += 1
            try f[u, default: Figures()].startInvest.add(r.money(1))
        }
        for r in try ctx.rows("SELECT p.lead_unit_id, pp.ytd_invest FROM project p JOIN project_progress pp ON pp.project_id = p.id AND pp.period = ? WHERE {owners}",
                              alias: "p", [.text(p.description)]) {
            guard let u = r.text(0) else { continue }
            try f[u, default: Figures()].invest.add(r.money(1))
        }
        for r in try ctx.rows("SELECT l.lead_unit_id FROM lead l WHERE {owners}", alias: "l") {
            guard let u = r.text(0) else { continue }
            f[u, default: Figures()].leads += 1
        }
        let figures = offices.map { f[$0.id] ?? Figures() }
        let maxSigned = figures.map(\.signed.total.yuan).max() ?? 0, maxStart = figures.map(\.startInvest.total.yuan).max() ?? 0
        let maxInvest = figures.map(\.invest.total.yuan).max() ?? 0, maxLeads = figures.map(\.leads).max() ?? 0
        func share(_ a: Int64, _ m: Int64, _ w: Int64) -> Int64 { (BasisPoints(part: a, of: m)?.rawValue ?? 0) * w / 100 }
        let scores = figures.map {
            share($0.signed.total.yuan, maxSigned, Self.weights.signed) + share($0.startInvest.total.yuan, maxStart, Self.weights.started)
                + share($0.invest.total.yuan, maxInvest, Self.weights.invest) + share($0.leads, maxLeads, Self.weights.leads)
        }
        let ranks = Self.ranks(scores)
        var body: [ReportRow] = []
        for (i, unit) in offices.enumerated() {
            let x = figures[i], score = scores[i]
            let light: Light = score >= 8000 ? .green : score >= 6000 ? .blue : score >= 4000 ? .yellow : .red
            body.append(ReportRow(.detail, [
                .count(Int64(i + 1)), .text(unit.name), .count(x.signCount), .money(x.signed.total), .count(x.startCount), .money(x.startInvest.total),
                .money(x.invest.total), .count(x.leads), .percent(BasisPoints(rawValue: score)), .count(Int64(ranks[i])), .light(light),
            ]))
        }
        return ReportSheet(
            sheetName: "单位排名", title: "\(ctx.regionName)\(p.year)年各单位目标任务月评比排名（\(p.monthsLabel)）",
            unitLine: ctx.unitLine, dateLine: ctx.dateLine, moneyUnit: .wanYuan,
            columns: [
                ReportColumn("序号", .index), ReportColumn("单位"),
                ReportColumn("个数", group: "新签约项目", .count), ReportColumn("签约额", group: "新签约项目", .money),
                ReportColumn("个数", group: "新开工项目", .count), ReportColumn("投资", group: "新开工项目", .money),
                ReportColumn("完成投资", .money), ReportColumn("线索数", .count), ReportColumn("得分", .percent), ReportColumn("排名", .count),
                ReportColumn("状态", .light),
            ],
            rows: body,
            notes: ["说明：得分 = 签约额 \(Self.weights.signed) 分 + 新开工投资 \(Self.weights.started) 分 + 完成投资 \(Self.weights.invest) 分 + 线索数 \(Self.weights.leads) 分，各项按占最高单位的比例折算；80 分以上绿灯，60—80 蓝灯，40—60 黄灯，40 分以下红灯。"])
    }
}
