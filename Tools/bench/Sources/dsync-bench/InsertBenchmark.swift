import Domain
import Foundation
import Replica
import SQLiteDB

/// `dsync-bench insert`: rows into a fresh replica through the capture-on bulk path.
enum InsertBenchmark {
    struct Options {
        var csv: String?
        var synthetic = 0
        var database = ""
        var batch = 0  // 0 = one transaction
        var progress = false
    }

    /// The rows every benchmark of the anchor's table starts from: the CSV's rows without its header, or
    /// `synthetic` made-up rows of the same shape when no CSV is given.
    static func anchorRows(csv: String?, synthetic: Int) throws -> [[String]] {
        guard let csv else { return (0..<synthetic).map(syntheticRow) }
        var rows = try CSVPreload.load(csv)
        rows.removeFirst()  // header
        return rows
    }

    static func run(_ o: Options) throws {
        let t0 = ResourceUsage.monotonicSeconds()
        let rows = try anchorRows(csv: o.csv, synthetic: o.synthetic)
        let loaded = ResourceUsage.monotonicSeconds()
        for suffix in ["", "-wal", "-shm"] { unlink(o.database + suffix) }

        let units = [OrgUnitSeed(unitCode: "410103001", name: "淮河路街道办事处", shortName: "淮河路", kind: "街道", parentCode: nil)]
        let replica = try Replica.create(at: o.database, office: "410103001", units: units, catalog: BenchTable.catalog)
        try fill(replica, rows: rows, batch: o.batch, progress: o.progress)
        let t1 = ResourceUsage.monotonicSeconds()
        let phase = t1 - loaded
        print(String(format: "rows=%d phase_s=%.3f rows_per_s=%.0f load_s=%.3f peak_rss_mb=%.1f",
                     rows.count, phase, Double(rows.count) / phase, loaded - t0, ResourceUsage.peakRSSMegabytes()))
    }

    /// Inserts the anchor's `rows` (CSV fields) into `replica`'s bench table through the capture-on bulk path,
    /// amounts converted from 亿元 to integer 元; `batch` rows per transaction (0: one transaction).
    static func fill(_ replica: Replica, rows: [[String]], batch: Int = 0, progress: Bool = false) throws {
        let columns = BenchTable.table.fields.map(\.name)
        let batch = batch > 0 ? batch : max(rows.count, 1)
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + batch)
            try replica.write { w in
                let inserter = try w.bulkInserter(BenchTable.table.name, columns: columns)
                var values = [SQLValue](repeating: .null, count: columns.count)
                let isMoney = (0..<columns.count).map(BenchTable.moneyColumns.contains)
                for r in start..<end {
                    let row = rows[r]
                    guard row.count == columns.count else { throw BenchError("row \(r + 2) has \(row.count) fields") }
                    for c in 0..<columns.count {
                        let f = row[c]
                        if f.isEmpty { values[c] = .null } else if isMoney[c] {
                            guard let y = DecimalAmount.yuan(f, yuanPerUnit: 100_000_000) else { throw BenchError("row \(r + 2): bad amount \(f)") }
                            values[c] = .integer(y)
                        } else { values[c] = .text(f) }
                    }
                    try inserter.insert(values)
                    if progress && (r + 1) % 10_000 == 0 { FileHandle.standardOutput.write(Data("inserted=\(r + 1)\n".utf8)) }
                }
            }
            if progress { FileHandle.standardOutput.write(Data("committed=\(end)\n".utf8)) }
            start = end
        }
    }

    /// A deterministic project row shaped like the anchor data (for tests that need no data files).
    static func syntheticRow(_ i: Int) -> [String] {
        [
            "2024-410103-48-01-\(String(format: "%06d", (i &* 7919) % 1_000_003))-\(i)", "郑州测试产业园项目\(i)", "二七区", "淮河路街道",
            "先进制造业", "谋划库", "谋划", "\(i % 1000).25", "1.50", "", "", "张三", "0371-68085711",
            "91410103MA9G5XK10C", "完成项目谋划，正在开展前期研究", "无",
        ]
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
