import Domain
import Foundation
import Import
import Replica

/// `dsync-bench import CSV DB`: the whole `dsync import` path — streaming CSV read, header matching,
/// coercion and validation of every cell (credit codes checked, 亿元 → integer 元, dates parsed), natural-key
/// upsert, bulk insert with change capture, provenance — into a fresh replica whose extra table has the
/// anchor's 16 columns and indexes. Timed from opening the file to commit (SHA-256 of the file included).
enum ImportBenchmark {
    static func run(csv: String, database: String, cacheMegabytes: Int = Replica.defaultCacheMegabytes) throws {
        for suffix in ["", "-wal", "-shm"] { unlink(database + suffix) }
        let units = [OrgUnitSeed(unitCode: "410103001", name: "淮河路街道办事处", shortName: "淮河路", kind: "街道", parentCode: nil)]
        _ = try Replica.create(at: database, office: "410103001", units: units, catalog: BenchTable.catalog)
        let replica = try Replica.open(at: database, catalog: BenchTable.catalog, cacheMegabytes: cacheMegabytes)
        let t0 = ResourceUsage.monotonicSeconds()
        let source = try TableRowSource(path: csv)
        let session = ImportSession(replica: replica, source: source, fileName: (csv as NSString).lastPathComponent,
                                    sha256: try FileDigest.sha256(path: csv), options: ImportOptions(table: BenchTable.table.name))
        let report = try session.run()
        let phase = ResourceUsage.monotonicSeconds() - t0
        guard report.committed else {
            throw BenchError("import failed: \(report.problems.kept.prefix(5).map(\.description).joined(separator: "\n"))")
        }
        print(String(format: "rows=%d phase_s=%.3f rows_per_s=%.0f inserted=%d rejected=%d peak_rss_mb=%.1f",
                     report.counts.inserted, phase, Double(report.counts.inserted) / phase, report.counts.inserted, report.counts.rejected,
                     ResourceUsage.peakRSSMegabytes()))
    }
}
