import Domain

/// R3 招商引资签约项目台账: the year's signings up to the period's end, 合计 first, and the follow-through
/// rates (履约率, 开工率, 资金到位率) computed from the rows.
public struct SigningLedgerReport: ReportTemplate {
    public let code = "R3"
    public let name = "招商引资签约项目台账"
    public init() {}

    static let columns: [ReportColumn] = {
        let s = "签约情况", l = "落地情况", f = "资金到位"
        return [
            ReportColumn("序号", .index), ReportColumn("项目名称"),
            ReportColumn("投资方", group: s), ReportColumn("投资方统一社会信用代码", group: s, .index), ReportColumn("投资方所在地", group: s),
            ReportColumn("签约形式", group: s, .index), ReportColumn("签约时间", group: s, .date), ReportColumn("签约活动", group: s),
            ReportColumn("所属产业"), ReportColumn("是否主导产业", .index), ReportColumn("建设内容", .longText),
            ReportColumn("计划总投资", .money), ReportColumn("签约额", .money),
            ReportColumn("落地状态", group: l, .index), ReportColumn("注册时间", group: l, .date), ReportColumn("开工时间", group: l, .date),
            ReportColumn("投产时间", group: l, .date),
            ReportColumn("累计到位资金", group: f, .money), ReportColumn("其中省外资金", group: f, .money),
            ReportColumn("属地单位"), ReportColumn("招引单位"), ReportColumn("包联领导"), ReportColumn("备注", .longText),
        ]
    }()

    public func sheets(_ ctx: ReportContext) throws -> [ReportSheet] {
        let p = ctx.period
        let rows = try ctx.rows("""
            SELECT s.name, s.investor_name, s.investor_uscc, s.investor_origin, s.sign_form, s.sign_date, s.event, s.industry,
                   s.is_leading, s.content, s.total_invest, s.signed_amount, s.landing_status, s.registered_date, s.start_date,
                   s.produce_date, s.funds_arrived, s.funds_out_of_province, lu.name, au.name, pe.name, s.remark
            FROM signing s
            LEFT JOIN org_unit lu ON lu.id = s.lead_unit_id
            LEFT JOIN org_unit au ON au.id = s.attract_unit_id
            LEFT JOIN person pe ON pe.id = s.leader_id
            WHERE s.sign_date BETWEEN ? AND ? AND {owners}
            ORDER BY s.sign_date, s.signing_no, s._rid
            """, alias: "s", [.text("\(p.year)-01-01"), .text(p.lastDay)])
        var total = MoneySum(), signed = MoneySum(), arrived = MoneySum(), outside = MoneySum()
        var performing: Int64 = 0, started: Int64 = 0, leading: Int64 = 0
        var body: [ReportRow] = []
        for (i, r) in rows.enumerated() {
            try total.add(r.money(10)); try signed.add(r.money(11)); try arrived.add(r.money(16)); try outside.add(r.money(17))
            let status = r.str(12)
            if !status.isEmpty && status != "未落地" { performing += 1 }
            if status == "已开工" || status == "已投产" { started += 1 }
            let isLeading = r.int(8).map { $0 != 0 }
            if isLeading == true { leading += 1 }
            body.append(ReportRow(.detail, [
                .count(Int64(i + 1)), r.value(0), r.value(1), r.value(2), r.value(3), r.value(4), r.date(5), r.value(6), r.value(7),
                isLeading.map { .text($0 ? "是" : "否") } ?? .empty, r.value(9), r[10].isNull ? .empty : .money(r.money(10)),
                r[11].isNull ? .empty : .money(r.money(11)), r.value(12), r.date(13), r.date(14), r.date(15),
                r[16].isNull ? .empty : .money(r.money(16)), r[17].isNull ? .empty : .money(r.money(17)), r.value(18), r.value(19), r.value(20), r.value(21),
            ]))
        }
        var t = [ReportValue](repeating: .empty, count: Self.columns.count)
        t[0] = .text("合计（\(rows.count)个）")
        t[11] = .money(total.total); t[12] = .money(signed.total); t[17] = .money(arrived.total); t[18] = .money(outside.total)
        body.insert(ReportRow(.total, t, labelSpan: 2), at: 0)
        let n = Int64(rows.count)
        func pct(_ a: Int64, _ b: Int64) -> String { BasisPoints(part: a, of: b).map { $0.format() + "%" } ?? "—" }
        let notes = [
            "说明：新签约项目 \(n) 个（其中主导产业 \(leading) 个），签约额 \(signed.total.format(in: .yiYuan, decimals: 2)) 亿元；"
                + "履约率 \(pct(performing, n))（已落地 \(performing) 个），开工率 \(pct(started, n))（已开工或投产 \(started) 个），"
                + "资金到位率 \(BasisPoints(part: arrived.total, of: signed.total).map { $0.format() + "%" } ?? "—")（累计到位资金 ÷ 签约额）。",
        ]
        return [ReportSheet(
            sheetName: "签约项目台账", title: "\(ctx.regionName)\(p.year)年招商引资签约项目台账（截至\(p.month)月\(p.lastDay.suffix(2).drop { $0 == "0" })日）",
            unitLine: ctx.unitLine, dateLine: ctx.dateLine, moneyUnit: .wanYuan, columns: Self.columns, rows: body, notes: notes)]
    }
}
