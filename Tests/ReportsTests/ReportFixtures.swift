import Domain
import Foundation
import Replica
import SQLiteDB

/// Deterministic fixture data written through the replica's real write API. The totals hit the figures
/// of DOMAIN.md §1.3 exactly: F1 (四库 64/369.8亿, 35/194.4亿, 9/43.9亿, 14/10.1亿, 122/618.2亿) and F2
/// (360 projects, 103亿 completed 1—6月; 46 省市重点 projects, 152.6亿 completed since start).
enum ReportFixtures {
    static let period = "2023-06"
    static let office = "410103-fgw"
    static let wan: Int64 = 10_000
    static let streets = ["410103001", "410103003", "410103004", "410103005", "410103006", "410103007"]

    /// `total` split into `n` unequal positive parts summing to it exactly (integer arithmetic).
    static func split(_ total: Int64, _ n: Int, seed: Int) -> [Int64] {
        guard n > 0 else { return [] }
        let weights = (0..<n).map { Int64(1 + ($0 * 7 + seed) % 9) }
        let w = weights.reduce(0, +)
        var parts = weights.map { total * $0 / w }
        parts[n - 1] += total - parts.reduce(0, +)
        return parts
    }

    /// The id of a reference unit (org_unit is seeded identically in every replica).
    static func unitID(_ path: String, _ code: String) throws -> String {
        let db = try Database(path: path, mode: .readOnly)
        return try db.scalar("SELECT id FROM org_unit WHERE unit_code = ?", [.text(code)])?.text ?? ""
    }

    /// 四库 pools and their F1 totals in 万元.
    static let pools: [(String, Int, Int64)] = [("谋划库", 64, 3_698_000), ("招引库", 35, 1_944_000), ("签约库", 9, 439_000), ("落地库", 14, 101_000)]

    /// Builds the F1 + F2 replica at `path` (office 发改委) with plans, progress, transitions, signings,
    /// leads, visits and targets for the 2023-06 period.
    @discardableResult
    static func build(at path: String, projects: Int = 360, nameLength: Int? = nil) throws -> Replica {
        let r = try Replica.create(at: path, office: office)
        let streetIDs = try streets.map { try unitID(path, $0) }
        let fgw = try unitID(path, office)
        try r.write { w in
            let leader = try w.insert("person", ["name": .text("张建国"), "title": .text("副区长"), "unit_id": .text(try unitID(path, "410103")), "is_county_level": .integer(1)])
            // Pool membership and total investment (F1) for the first 122 projects.
            var poolOf: [String?] = Array(repeating: nil, count: projects)
            var totalOf: [Int64] = split(5_000_000, max(projects, 1), seed: 3).map { $0 * wan }
            var k = 0
            if projects >= 122 {
                for (pool, n, total) in pools {
                    for (j, amount) in split(total, n, seed: n).enumerated() {
                        poolOf[k + j] = pool
                        totalOf[k + j] = amount * wan
                    }
                    k += n
                }
            }
            let ytd = split(1_030_000, projects, seed: 1).map { $0 * wan }
            let keyCount = min(46, projects)
            let keyCum = split(1_526_000, keyCount, seed: 5).map { $0 * wan }
            for i in 0..<projects {
                let level = i < min(20, projects) ? "省重点" : i < keyCount ? "市重点" : "区重大"
                let no = "410103-2023-" + String(format: "%04d", i + 1)
                let baseName = "二七区重点项目\(i + 1)号"
                let name = nameLength.map { n in baseName + String(repeating: "建", count: max(0, n - baseName.count)) } ?? baseName
                var values: [String: SQLValue] = [
                    "project_no": .text(no), "name": .text(name), "levels": .text(level), "nature": .text(["新建", "扩建", "改建"][i % 3]),
                    "total_invest": .integer(totalOf[i]), "lead_unit_id": .text(streetIDs[i % streetIDs.count]), "resp_unit_id": .text(fgw),
                    "leader_id": .text(leader), "investor_name": .text("郑州建设\(i % 5 + 1)有限公司"), "content": .text("建设厂房及配套设施"),
                    "start_year": .integer(2023), "end_year": .integer(2025), "planned_start": .text("2023-0\(1 + i % 6)-15"),
                    "stage": .text(i % 10 == 0 ? "竣工投产" : "续建"), "industry": .text("智能制造"), "axis": .text("嵩山路"),
                ]
                if i % 4 != 0 { values["actual_start"] = .text("2023-0\(1 + i % 5)-20") }
                if let pool = poolOf[i] { values["pool"] = .text(pool) }
                let id = try w.insert("project", values)
                try w.insert("project_plan", ["project_id": .text(id), "year": .integer(2023), "annual_invest": .integer(ytd[i] * Int64(2 + i % 3))])
                let cum = i < keyCount ? keyCum[i] : ytd[i]
                for m in 5...6 {
                    try w.insert("project_progress", [
                        "project_id": .text(id), "period": .text("2023-0\(m)"), "month_invest": .integer(ytd[i] / 6),
                        "ytd_invest": .integer(ytd[i] * Int64(m) / 6), "cum_invest": .integer(cum * Int64(m) / 6),
                        "image_progress": .text("主体施工"), "status": .text("已提交"),
                    ])
                }
                if i < 3, poolOf[i] != nil {
                    try w.insert("pool_transition", ["project_id": .text(id), "changed_at": .text("2023-06-1\(i)"), "to_pool": .text("谋划库")])
                }
                if (64..<66).contains(i) {
                    try w.insert("pool_transition", ["project_id": .text(id), "changed_at": .text("2023-06-20"), "from_pool": .text("谋划库"), "to_pool": .text("招引库")])
                }
            }
            // F4: 13 signings in 2023 H1.
            for (i, amount) in split(1_200_000, 13, seed: 2).enumerated() {
                try w.insert("signing", [
                    "signing_no": .text("QY-2023-\(i + 1)"), "name": .text("签约项目\(i + 1)"), "sign_date": .text("2023-0\(1 + i % 6)-0\(1 + i % 9)"),
                    "investor_name": .text("深圳投资\(i + 1)公司"), "signed_amount": .integer(amount * wan), "total_invest": .integer(amount * wan),
                    "landing_status": .text(["未落地", "已注册", "已开工", "已投产"][i % 4]), "funds_arrived": .integer(amount * wan / 3),
                    "lead_unit_id": .text(streetIDs[i % streetIDs.count]), "is_leading": .integer(i % 2 == 0 ? 1 : 0),
                ])
            }
            for i in 0..<5 {
                let lead = try w.insert("lead", [
                    "lead_no": .text("XS-2023-\(i + 1)"), "title": .text("线索\(i + 1)"), "enterprise_name": .text("上海企业\(i + 1)"),
                    "status": .text(["在谈", "已签约", "初步接洽", "在谈", "已终止"][i]), "lead_unit_id": .text(streetIDs[i % streetIDs.count]),
                    "intended_invest": .integer(Int64(i + 1) * 10_000 * wan),
                ])
                for v in 0..<(i % 3) {
                    try w.insert("visit", ["lead_id": .text(lead), "visit_date": .text("2023-0\(2 + v)-10"), "seq": .integer(1), "kind": .text("小分队"), "leader_id": .text(leader)])
                }
            }
            // F9 / F7: targets whose completion must be computed (742 / 1215 = 61.07 %, not the printed 61.2 %).
            let district = try unitID(path, "410103")
            for (code, name, unit, target, done) in [("A1", "即办事项", "项", "1215", "742"), ("A2", "新增高新技术企业", "家", "35", "20"), ("A3", "新增科技型企业", "家", "55", "12")] {
                let ind = try w.insert("indicator", ["district_id": .text(district), "code": .text(code), "name": .text(name), "unit": .text(unit), "attribute": .text("预期性")])
                let t = try w.insert("target", ["indicator_id": .text(ind), "unit_id": .text(district), "period": .text("2023"), "value": .text(target), "comparator": .text("GE")])
                try w.insert("indicator_value", ["target_id": .text(t), "period": .text("2023-06"), "value": .text(done)])
            }
        }
        return r
    }
}
