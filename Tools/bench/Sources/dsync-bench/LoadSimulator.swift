import CentralStore
import Domain
import Foundation
import Synchronization
import SyncClient
import SyncModel
import SyncServer

/// `dsync-bench load --offices N --rounds K`: N simulated office replicas (spread over the registry's
/// township offices, one site id each) push small batches concurrently over HTTP to one server, K rounds
/// each, and pull what their district changed. Prints throughput, p50/p99 latency and errors.
/// With several `--server` URLs (comma-separated: several `dsync serve` instances on one PostgreSQL),
/// office i talks to server i mod n; `tokens` are then made beforehand in that store (`main.swift`).
enum LoadSimulator {
    /// The township offices of the registry (what the simulated offices are spread over).
    static let townships = ReferenceData.orgUnits.filter(\.isTownship).map(\.unitCode)

    static func run(offices: Int, rounds: Int, batch: Int, workers: Int, directory: String, serverURLs: [String], storePath: String?,
                    tokens madeTokens: [String: String]? = nil) throws {
        let fm = FileManager.default
        try? fm.removeItem(atPath: directory)
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let townships = Self.townships
        var tokens: [String: String] = madeTokens ?? [:]
        var server: BenchServer?
        var urls = serverURLs
        if madeTokens == nil {
            let store = try SQLiteCentralStore(path: storePath ?? directory + "/central.db")
            for o in townships { tokens[o] = try store.createToken(office: o) }
            if urls.isEmpty {
                let s = try BenchServer(service: SyncService(store: store))
                server = s
                urls = [s.url]
            }
        }
        defer { server?.stop() }

        let latencies = Mutex<[Double]>([])
        let errors = Mutex<Int>(0)
        let merged = Mutex<Int>(0)
        let next = Mutex<Int>(0)
        let schema = Catalog.standard.schemaVersion
        let allTokens = tokens
        let serverList = urls
        let servers = urls.count
        let t0 = ResourceUsage.monotonicSeconds()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.withLock { n -> Int in defer { n += 1 }; return n }
                guard i < offices else { return }
                let office = townships[i % townships.count]
                let transport = HTTPSyncTransport(server: serverList[i % serverList.count], token: allTokens[office]!, schemaVersion: schema)
                transport.retry.maxAttempts = 3
                let site = SiteID.random()
                var rows: [String] = []
                var cursor: Int64 = 0
                var clock = HybridClock()
                for round in 0..<rounds {
                    var changes: [Change] = []
                    for k in 0..<batch {
                        let t = clock.tick(wallMillis: WallClock.nowMillis())
                        if k % 2 == 0 || rows.isEmpty {
                            let id = RowID.generate()
                            rows.append(id)
                            changes.append(Change(table: "lead", rowID: id, unit: "*", values: [
                                "owner_unit_id": .text(office), "lead_no": .text("\(office)-\(site.hex.prefix(6))-\(round)-\(k)"),
                                "title": .text("招商线索 \(round)-\(k)"), "status": .text("在谈")], clock: t, site: site, office: office))
                        } else {
                            changes.append(Change(table: "lead", rowID: rows.randomElement()!, unit: "next_step",
                                                  values: ["next_step": .text("第\(round)轮跟进")], clock: t, site: site, office: office))
                        }
                    }
                    let start = ResourceUsage.monotonicSeconds()
                    do {
                        let r = try transport.push(PushRequest(batchID: RowID.generate(), replica: site, seq: Int64(round + 1), changes: changes))
                        let pulled = try transport.pull(after: cursor, limit: 500)
                        cursor = pulled.cursor
                        latencies.withLock { $0.append(ResourceUsage.monotonicSeconds() - start) }
                        merged.withLock { $0 += r.accepted }
                        if !r.rejected.isEmpty { errors.withLock { $0 += r.rejected.count } }
                    } catch {
                        errors.withLock { $0 += 1 }
                    }
                }
            }
        }
        let elapsed = ResourceUsage.monotonicSeconds() - t0
        let sorted = latencies.withLock { $0.sorted() }
        func pct(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] * 1000 }
        let m = merged.withLock { $0 }
        print(String(format: "rows=%d phase_s=%.3f offices=%d servers=%d syncs=%d merged_changes_per_s=%.0f p50_ms=%.1f p99_ms=%.1f errors=%d peak_rss_mb=%.1f",
                     m, elapsed, offices, servers, sorted.count, Double(m) / elapsed, pct(0.5), pct(0.99), errors.withLock { $0 }, ResourceUsage.peakRSSMegabytes()))
    }
}
