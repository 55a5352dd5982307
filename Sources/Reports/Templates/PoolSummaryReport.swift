import Domain

/// R2 产业项目"四库"汇总表: sheet 1 the four pools (合计 first, 亿元, share by investment, the month's
/// entries, transfers and exits), sheet 2 the pools by 属地单位, sheet 3 the project list (万元).
public struct PoolSummaryReport: ReportTemplate {
    public let code = "R2"
    public let name = "产业项目四库汇总表"
    public init() {}

    static let pools = ["谋划库", "招引库", "签约库", "落地库"]

    struct Cell { var count: Int64 = 0; var invest = MoneySum() }

    public func sheets(_ ctx: ReportContext) throws -> [ReportSheet] {
        let p = ctx.period
        let projects = try ctx.rows("""
            SELECT p.pool, p.total_invest, coalesce(lu.name, ''), p.project_no, p.name, p.industry, p.axis, p.investor_name,
                   p.image_progress, ru.name, pe.name, p.remark,
                   (SELECT min(changed_at) FROM pool_transition t WHERE t.project_id = p.id),
                   (SELECT max(changed_at) FROM pool_transition t WHERE t.project_id = p.id AND t.from_pool IS NOT NULL)
            FROM project p
            LEFT JOIN org_unit lu ON lu.id = p.lead_unit_id
            LEFT JOIN org_unit ru ON ru.id = p.resp_unit_id
            LEFT JOIN person pe ON pe.id = p.leader_id
            WHERE p.pool IN ('谋划库', '招引库', '签约库', '落地库') AND {owners}
            ORDER BY CASE p.pool WHEN '谋划库' THEN 1 WHEN '招引库' THEN 2 WHEN '签约库' THEN 3 ELSE 4 END, p.project_no, p._rid
            """, alias: "p")
        var byPool: [String: Cell] = [:], total = Cell()
        var byUnit: [String: [String: Cell]] = [:]
        for r in projects {
            let pool = r.str(0), m = r.money(1)
            byPool[pool, default: Cell()].count += 1
            try byPool[pool, default: Cell()].invest.add(m)
            total.count += 1
            try total.invest.add(m)
            let unit = r.str(2).isEmpty ? "（未填属地单位）" : r.str(2)
            byUnit[unit, default: [:]][pool, default: Cell()].count += 1
            try byUnit[unit, default: [:]][pool, default: Cell()].invest.add(m)
        }
        // The month's movements, from the transition history.
        let moves = try ctx.rows("""
            SELECT t.from_pool, t.to_pool, coalesce(p.total_invest, 0) FROM pool_transition t JOIN project p ON p.id = t.project_id
            WHERE substr(t.changed_at, 1, 7) = ? AND {owners}
            """, alias: "p", [.text(p.description)])
        var entered: [String: Cell] = [:], moved: [String: Cell] = [:], left: [String: Cell] = [:], exited: [String: Int64] = [:]
        for r in moves {
            let from = r.text(0), to = r.str(1), m = r.money(2)
            if from == nil || from == "" {
                entered[to, default: Cell()].count += 1; try entered[to, default: Cell()].invest.add(m)
            } else if let from {
                if to == "已出库" { exited[from, default: 0] += 1 } else {
                    moved[to, default: Cell()].count += 1; try moved[to, default: Cell()].invest.add(m)
                }
                left[from, default: Cell()].count += 1; try left[from, default: Cell()].invest.add(m)
            }
        }
        func sumOf(_ d: [String: Cell]) throws -> Cell {
            var c = Cell()
            for v in d.values { c.count += v.count; try c.invest.add(v.invest.total) }
            return c
        }
        func line(_ label: ReportValue, _ idx: ReportValue, _ c: Cell, _ e: Cell, _ mv: Cell, _ l: Cell, _ x: Int64) -> [ReportValue] {
            [idx, label, .count(c.count), .money(c.invest.total), .percent(BasisPoints(part: c.invest.total, of: total.invest.total)),
             .count(e.count), .money(e.invest.total), .count(mv.count), .money(mv.invest.total), .count(l.count), .money(l.invest.total), .count(x), .empty]
        }
        var totalValues = line(.empty, .empty, total, try sumOf(entered), try sumOf(moved), try sumOf(left), exited.values.reduce(0, +))
        totalValues[0] = .text("合计")
        var summary: [ReportRow] = [ReportRow(.total, totalValues, labelSpan: 2)]
        for (i, pool) in Self.pools.enumerated() {
            summary.append(ReportRow(.detail, line(.text(pool), .count(Int64(i + 1)), byPool[pool] ?? Cell(), entered[pool] ?? Cell(), moved[pool] ?? Cell(), left[pool] ?? Cell(), exited[pool] ?? 0)))
        }
        let sheet1 = ReportSheet(
            sheetName: "四库汇总", title: "\(ctx.regionName)产业项目“四库”动态管理汇总表（截至\(p.year)年\(p.month)月）",
            unitLine: ctx.unitLine, dateLine: ctx.dateLine, moneyUnit: .yiYuan,
            columns: [
                ReportColumn("序号", .index), ReportColumn("库别", .index), ReportColumn("项目个数", .count), ReportColumn("计划总投资", .money),
                ReportColumn("占比（按投资）%", .percent),
                ReportColumn("个数", group: "本月新入库", .count), ReportColumn("投资", group: "本月新入库", .money),
                ReportColumn("个数", group: "本月转入", .count), ReportColumn("投资", group: "本月转入", .money),
                ReportColumn("个数", group: "本月转出", .count), ReportColumn("投资", group: "本月转出", .money),
                ReportColumn("本月出库(终止)个数", .count), ReportColumn("备注", .longText),
            ],
            rows: summary,
            notes: ["说明：计划总投资按项目库别合计，由整数元精确求和后折算为亿元；占比 = 本库计划总投资 ÷ 合计。"])

        // Sheet 2: by unit.
        var unitColumns = [ReportColumn("序号", .index), ReportColumn("单位")]
        for pool in Self.pools + ["合计"] {
            unitColumns += [ReportColumn("个数", group: pool, .count), ReportColumn("投资", group: pool, .money)]
        }
        func unitValues(_ cells: [String: Cell]) throws -> [ReportValue] {
            var v: [ReportValue] = []
            var sum = Cell()
            for pool in Self.pools {
                let c = cells[pool] ?? Cell()
                v += [.count(c.count), .money(c.invest.total)]
                sum.count += c.count
                try sum.invest.add(c.invest.total)
            }
            return v + [.count(sum.count), .money(sum.invest.total)]
        }
        var unitRows = [ReportRow(.total, [.text("合计"), .empty] + (try unitValues(byPool)), labelSpan: 2)]
        for (i, unit) in byUnit.keys.sorted().enumerated() {
            unitRows.append(ReportRow(.detail, [.count(Int64(i + 1)), .text(unit)] + (try unitValues(byUnit[unit] ?? [:]))))
        }
        let sheet2 = ReportSheet(
            sheetName: "分单位", title: "\(ctx.regionName)产业项目“四库”分单位汇总表（截至\(p.year)年\(p.month)月）",
            unitLine: ctx.unitLine, dateLine: ctx.dateLine, moneyUnit: .yiYuan, columns: unitColumns, rows: unitRows)

        // Sheet 3: details.
        var detail: [ReportRow] = [ReportRow(.total, [.text("合计（\(total.count)个）"), .empty, .empty, .empty, .empty, .empty, .empty, .empty, .empty, .money(total.invest.total)], labelSpan: 3)]
        for (i, r) in projects.enumerated() {
            detail.append(ReportRow(.detail, [
                .count(Int64(i + 1)), r.value(3), r.value(4), r.value(0), r.date(12), r.date(13), r.value(5), r.value(6), r.value(7),
                .money(r.money(1)), r.value(8), r.value(2), r.value(9), r.value(10), r.value(11),
            ]))
        }
        let sheet3 = ReportSheet(
            sheetName: "项目明细", title: "\(ctx.regionName)产业项目“四库”项目明细表（截至\(p.year)年\(p.month)月）",
            unitLine: ctx.unitLine, dateLine: ctx.dateLine, moneyUnit: .wanYuan,
            columns: [
                ReportColumn("序号", .index), ReportColumn("项目编号", .index), ReportColumn("项目名称"), ReportColumn("库别", .index),
                ReportColumn("入库时间", .date), ReportColumn("上次转库时间", .date), ReportColumn("所属产业"), ReportColumn("所属轴/板块"),
                ReportColumn("投资方"), ReportColumn("计划总投资", .money), ReportColumn("推进情况", .longText), ReportColumn("属地单位"),
                ReportColumn("责任单位"), ReportColumn("分包县处级领导"), ReportColumn("备注", .longText),
            ],
            rows: detail, frozenColumns: 3)
        return [sheet1, sheet2, sheet3]
    }
}
