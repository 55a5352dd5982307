import CentralStore
import Domain
import Foundation
import Replica
import SQLiteDB
import SyncClient
import SyncServer

/// `dsync-bench sync --rows N`: push + merge throughput over loopback HTTP (gzip JSON, the real server
/// and client), then a fresh replica's full clone of the same rows.
enum SyncBenchmark {
    static func run(rows: Int, directory: String) throws {
        let fm = FileManager.default
        try? fm.removeItem(atPath: directory)
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try SQLiteCentralStore(path: directory + "/central.db")
        let tokenA = try store.createToken(office: "410103001"), tokenB = try store.createToken(office: "410103003")
        let service = SyncService(store: store)
        let server = try BenchServer(service: service)
        defer { server.stop() }

        let a = try Replica.create(at: directory + "/a.dsync", office: "410103001")
        try a.write { w in
            let bulk = try w.bulkInserter("project", columns: ["project_no", "name", "pool", "stage", "total_invest", "investor_name", "remark"])
            for i in 0..<rows {
                try bulk.insert([.text("410103001-2024-\(i)"), .text("郑州测试产业园项目\(i)"), .text("谋划库"), .text("前期"),
                                 .integer(Int64(i % 1000) * 1_000_000), .text("河南测试科技有限公司"), .text("完成项目谋划，正在开展前期研究")])
            }
        }
        let t0 = ResourceUsage.monotonicSeconds()
        var session = SyncSession(replica: a, transport: HTTPSyncTransport(server: server.url, token: tokenA, schemaVersion: a.catalog.schemaVersion))
        session.pushBatchSize = 5_000
        var report = SyncReport()
        try session.push(&report)
        let pushS = ResourceUsage.monotonicSeconds() - t0

        let b = try Replica.create(at: directory + "/b.dsync", office: "410103003")
        let t1 = ResourceUsage.monotonicSeconds()
        var clone = SyncSession(replica: b, transport: HTTPSyncTransport(server: server.url, token: tokenB, schemaVersion: b.catalog.schemaVersion))
        clone.pullLimit = 5_000
        var pulled = SyncReport()
        try clone.pull(&pulled)
        let cloneS = ResourceUsage.monotonicSeconds() - t1
        let cloned = try b.query("SELECT count(*) FROM project").first?.first?.integer ?? 0
        guard report.pushedChanges == rows, cloned == Int64(rows) else {
            throw BenchError("pushed \(report.pushedChanges), cloned \(cloned), expected \(rows)")
        }
        print(String(format: "rows=%d phase_s=%.3f push_changes_per_s=%.0f clone_s=%.3f clone_rows_per_s=%.0f peak_rss_mb=%.1f",
                     rows, pushS, Double(rows) / pushS, cloneS, Double(rows) / cloneS, ResourceUsage.peakRSSMegabytes()))
    }
}
