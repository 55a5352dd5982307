import CentralStore
import Domain
import Foundation
import Replica
import SQLiteDB
import SyncClient
import SyncServer

/// `dsync-bench sync (--csv FILE | --rows N)`: push + merge throughput over loopback HTTP (gzip JSON, the
/// real server and client), then a fresh replica's full clone of the same rows. The rows are the anchor's
/// (`--csv`: the generated CSV the C insert ceiling reads; `--rows`: synthetic rows of the same shape) in
/// the anchor's table shape (`BenchTable`: 16 columns, natural key, two secondary indexes).
enum SyncBenchmark {
    static func run(csv: String?, rows count: Int, directory: String) throws {
        let rows = try InsertBenchmark.anchorRows(csv: csv, synthetic: count)
        let fm = FileManager.default
        try? fm.removeItem(atPath: directory)
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try SQLiteCentralStore(path: directory + "/central.db", catalog: BenchTable.catalog)
        let tokenA = try store.createToken(office: "410103001"), tokenB = try store.createToken(office: "410103003")
        let service = SyncService(store: store)
        let server = try BenchServer(service: service)
        defer { server.stop() }

        let a = try Replica.create(at: directory + "/a.dsync", office: "410103001", catalog: BenchTable.catalog)
        try InsertBenchmark.fill(a, rows: rows)
        FileHandle.standardError.write(Data("pushing \(rows.count) rows\n".utf8))  // where a profiler attaches
        let t0 = ResourceUsage.monotonicSeconds(), cpu0 = ResourceUsage.cpuSeconds()
        var session = SyncSession(replica: a, transport: HTTPSyncTransport(server: server.url, token: tokenA, schemaVersion: a.catalog.schemaVersion))
        session.pushBatchSize = 5_000
        var report = SyncReport()
        try session.push(&report)
        let pushS = ResourceUsage.monotonicSeconds() - t0, pushCPU = ResourceUsage.cpuSeconds() - cpu0
        let groups = service.pushGroupsApplied
        // The store's writer thread started with this push (and ends 2 s after it): its CPU is the push's
        // serial path, and its share of the push's time says how busy the bottleneck was.
        let writerCPU = ResourceUsage.threadCPUSeconds(named: "store-writer") ?? 0

        let b = try Replica.create(at: directory + "/b.dsync", office: "410103003", catalog: BenchTable.catalog)
        FileHandle.standardError.write(Data("cloning\n".utf8))  // where a profiler attaches
        let t1 = ResourceUsage.monotonicSeconds()
        var clone = SyncSession(replica: b, transport: HTTPSyncTransport(server: server.url, token: tokenB, schemaVersion: b.catalog.schemaVersion))
        clone.pullLimit = 5_000
        var pulled = SyncReport()
        try clone.pull(&pulled)
        let cloneS = ResourceUsage.monotonicSeconds() - t1
        let cloned = try b.query("SELECT count(*) FROM \(BenchTable.table.name)").first?.first?.integer ?? 0
        guard report.pushedChanges == rows.count, cloned == Int64(rows.count), report.rejected == 0 else {
            throw BenchError("pushed \(report.pushedChanges) (\(report.rejected) refused), cloned \(cloned), expected \(rows.count)")
        }
        print(String(format: "rows=%d phase_s=%.3f push_changes_per_s=%.0f clone_s=%.3f clone_rows_per_s=%.0f peak_rss_mb=%.1f push_transactions=%d push_cpu_s=%.1f writer_cpu_s=%.1f writer_busy=%.2f",
                     rows.count, pushS, Double(rows.count) / pushS, cloneS, Double(rows.count) / cloneS, ResourceUsage.peakRSSMegabytes(), groups, pushCPU,
                     writerCPU, writerCPU / pushS))
    }
}
