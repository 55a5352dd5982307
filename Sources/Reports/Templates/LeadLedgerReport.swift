import Domain

/// R4 招商线索及对接情况台账: every lead with its visits summarised (first and last date, count, kinds,
/// leader), and the funnel 线索数 → 对接企业数 → 在谈 → 转签约 under the table.
public struct LeadLedgerReport: ReportTemplate {
    public let code = "R4"
    public let name = "招商线索及对接情况台账"
    public init() {}

    static let columns: [ReportColumn] = {
        let v = "对接情况"
        return [
            ReportColumn("序号", .index), ReportColumn("线索编号", .index), ReportColumn("线索名称"), ReportColumn("线索来源", .index),
            ReportColumn("企业名称"), ReportColumn("统一社会信用代码", .index), ReportColumn("所属产业"), ReportColumn("投资方所在地"),
            ReportColumn("拟投资额", .money),
            ReportColumn("首次对接时间", group: v, .date), ReportColumn("最近对接时间", group: v, .date), ReportColumn("对接次数", group: v, .count),
            ReportColumn("对接方式", group: v), ReportColumn("带队领导", group: v),
            ReportColumn("当前状态", .index), ReportColumn("下一步计划", .longText), ReportColumn("属地单位"), ReportColumn("报送单位"),
            ReportColumn("备注", .longText),
        ]
    }()

    public func sheets(_ ctx: ReportContext) throws -> [ReportSheet] {
        let p = ctx.period
        let rows = try ctx.rows("""
            SELECT l.lead_no, l.title, l.source, l.enterprise_name, l.enterprise_uscc, l.industry, l.origin_region, l.intended_invest,
                   (SELECT min(visit_date) FROM visit v WHERE v.lead_id = l.id AND v.visit_date <= ?),
                   (SELECT max(visit_date) FROM visit v WHERE v.lead_id = l.id AND v.visit_date <= ?),
                   (SELECT count(*) FROM visit v WHERE v.lead_id = l.id AND v.visit_date <= ?),
                   (SELECT group_concat(DISTINCT kind) FROM visit v WHERE v.lead_id = l.id AND v.visit_date <= ?),
                   (SELECT group_concat(DISTINCT pe.name) FROM visit v JOIN person pe ON pe.id = v.leader_id WHERE v.lead_id = l.id AND v.visit_date <= ?),
                   l.status, l.next_step, lu.name, su.name, l.remark
            FROM lead l
            LEFT JOIN org_unit lu ON lu.id = l.lead_unit_id
            LEFT JOIN org_unit su ON su.id = l.report_unit_id
            WHERE {owners}
            ORDER BY l.lead_no, l._rid
            """, alias: "l", Array(repeating: .text(p.lastDay), count: 5))
        var intended = MoneySum()
        var companies: Set<String> = [], talking: Int64 = 0, signed: Int64 = 0
        var body: [ReportRow] = []
        for (i, r) in rows.enumerated() {
            try intended.add(r.money(7))
            let visits = r.int(10) ?? 0
            if visits > 0, let e = r.text(3), !e.isEmpty { companies.insert(e) }
            if r.str(13) == "在谈" || r.str(13) == "拟签约" { talking += 1 }
            if r.str(13) == "已签约" { signed += 1 }
            body.append(ReportRow(.detail, [
                .count(Int64(i + 1)), r.value(0), r.value(1), r.value(2), r.value(3), r.value(4), r.value(5), r.value(6),
                r[7].isNull ? .empty : .money(r.money(7)), r.date(8), r.date(9), .count(visits), r.value(11), r.value(12),
                r.value(13), r.value(14), r.value(15), r.value(16), r.value(17),
            ]))
        }
        var t = [ReportValue](repeating: .empty, count: Self.columns.count)
        t[0] = .text("合计（\(rows.count)条）")
        t[8] = .money(intended.total)
        body.insert(ReportRow(.total, t, labelSpan: 3), at: 0)
        let notes = ["说明：线索 \(rows.count) 条，对接企业 \(companies.count) 家，在谈项目 \(talking) 个，转签约 \(signed) 个（截至\(p.lastDayChinese)）。"]
        return [ReportSheet(
            sheetName: "线索台账", title: "\(ctx.regionName)\(p.year)年招商线索及对接情况台账（\(p.month)月）",
            unitLine: ctx.unitLine, dateLine: ctx.dateLine, moneyUnit: .wanYuan, columns: Self.columns, rows: body, notes: notes, frozenColumns: 3)]
    }
}
