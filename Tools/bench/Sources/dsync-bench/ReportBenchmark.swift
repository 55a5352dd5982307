import Foundation
import Replica
import Reports
import SQLiteDB

/// Times the formatted reports (normal mode: merged two-level headers) on a replica of N projects with
/// plans and monthly progress, built with the bulk inserter.
enum ReportBenchmark {
    static func run(projects: Int, directory: String) throws {
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/reports.dsync"
        let r = try Replica.create(at: path, office: "410103-fgw")
        let pools = ["谋划库", "招引库", "签约库", "落地库", nil]
        try r.write { w in
            let p = try w.bulkInserter("project", columns: ["project_no", "name", "levels", "pool", "total_invest", "nature", "content"])
            var ids: [String] = []
            for i in 0..<projects {
                ids.append(try p.insert([
                    .text("410103-2023-\(i)"), .text("二七区重点项目\(i)号（含配套基础设施建设）"), .text(["省重点", "市重点", "区重大"][i % 3]),
                    .text(pools[i % 5]), .integer(Int64(1_000 + i % 997) * 1_000_000), .text("新建"), .text("建设厂房、研发楼及配套设施"),
                ]))
            }
            let plan = try w.bulkInserter("project_plan", columns: ["project_id", "year", "annual_invest"])
            let progress = try w.bulkInserter("project_progress", columns: ["project_id", "period", "month_invest", "ytd_invest", "cum_invest"])
            for (i, id) in ids.enumerated() {
                let a = Int64(100 + i % 311) * 1_000_000
                try plan.insert([.text(id), .integer(2023), .integer(a)])
                try progress.insert([.text(id), .text("2023-06"), .integer(a / 12), .integer(a / 2 - Int64(i % 7) * 1_000_000), .integer(a)])
            }
        }
        let source = try ReportSource(path: path)
        let context = try ReportContext(source: source, period: ReportPeriod(year: 2023, month: 6))
        for code in ["R1", "R2", "R6"] {
            guard let t = ReportCatalog.template(code) else { continue }
            let t0 = ResourceUsage.monotonicSeconds()
            try ReportExporter.export(t, context: context, to: "\(directory)/\(code).xlsx")
            let t1 = ResourceUsage.monotonicSeconds()
            print("report=\(code) projects=\(projects) phase_s=\(String(format: "%.3f", t1 - t0)) rows_per_s=\(Int(Double(projects) / (t1 - t0))) peak_rss_mb=\(String(format: "%.1f", ResourceUsage.peakRSSMegabytes()))")
        }
    }
}
