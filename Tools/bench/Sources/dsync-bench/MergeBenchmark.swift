import CentralStore
import Foundation
import Replica
import SyncModel

/// `dsync-bench merge (--csv FILE | --rows N) [--group B]`: the store's serial path alone, in process: the
/// anchor's rows as the replica batches them for a push (5,000 changes), applied by the SQLite central
/// store B batches to a transaction (`pushGroup`, as the server groups queued pushes), with no HTTP, gzip
/// or JSON decoding, each batch prechecked ahead as the server does while the batch before is merged. The ceiling the push over HTTP (`sync`) can approach on one core.
enum MergeBenchmark {
    static func run(csv: String?, rows count: Int, group: Int, directory: String) throws {
        let rows = try InsertBenchmark.anchorRows(csv: csv, synthetic: count)
        let fm = FileManager.default
        try? fm.removeItem(atPath: directory)
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try SQLiteCentralStore(path: directory + "/central.db", catalog: BenchTable.catalog)
        let token = try store.createToken(office: "410103001")
        let a = try Replica.create(at: directory + "/a.dsync", office: "410103001", catalog: BenchTable.catalog)
        try InsertBenchmark.fill(a, rows: rows)
        let rules = ValidationRules(catalog: BenchTable.catalog)
        let pushes = try a.exportPendingBatches(maxChanges: 5_000).map { request in
            var r = request
            r.prepareWireChanges()  // the server holds each change's wire bytes from decoding,
            ChangeValidator.precheck(&r, rules: rules, now: WallClock.nowMillis())  // and prechecks them ahead
            return QueuedPush(request: r, token: token)
        }
        FileHandle.standardError.write(Data("merging \(pushes.count) batches\n".utf8))  // where a profiler attaches
        let t0 = ResourceUsage.monotonicSeconds(), cpu0 = ResourceUsage.cpuSeconds(), written0 = ResourceUsage.writtenMegabytes(), faults0 = ResourceUsage.minorFaults()
        var accepted = 0, transactions = 0
        for start in stride(from: 0, to: pushes.count, by: max(1, group)) {
            for result in store.pushGroup(Array(pushes[start..<min(pushes.count, start + max(1, group))])) {
                accepted += try result.get().accepted
            }
            transactions += 1
        }
        let s = ResourceUsage.monotonicSeconds() - t0, cpu = ResourceUsage.cpuSeconds() - cpu0
        let written = ResourceUsage.writtenMegabytes() - written0, faults = ResourceUsage.minorFaults() - faults0
        guard accepted == rows.count else { throw BenchError("merged \(accepted) of \(rows.count) changes") }
        print(String(format: "rows=%d phase_s=%.3f merge_changes_per_s=%.0f transactions=%d cpu_s=%.1f written_mb=%.0f minor_faults=%d peak_rss_mb=%.1f",
                     rows.count, s, Double(rows.count) / s, transactions, cpu, written, faults, ResourceUsage.peakRSSMegabytes()))
    }
}
