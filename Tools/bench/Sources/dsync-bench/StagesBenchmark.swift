import CentralStore
import Foundation
import GzipCodec
import Replica
import SyncModel

/// `dsync-bench stages (--csv FILE | --rows N) [--level L]`: the CPU a push spends outside the store's
/// writer, stage by stage, on one thread with nothing else running: the replica making each 5,000-change
/// batch (outbox read, wire JSON, gzip at level L, recorded in flight) and recording its answer, then the
/// server's work before the merge (gunzip, decode, wire bytes, precheck). Reported in µs a change, beside
/// the anchor's own cost per row (the C insert's CSV parse and insert). In a push over loopback these
/// stages share two cores with the writer, so every µs they save is CPU the writer gets back.
enum StagesBenchmark {
    static func run(csv: String?, rows count: Int, level: Int32, directory: String) throws {
        let rows = try InsertBenchmark.anchorRows(csv: csv, synthetic: count)
        let fm = FileManager.default
        try? fm.removeItem(atPath: directory)
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let a = try Replica.create(at: directory + "/a.dsync", office: "410103001", catalog: BenchTable.catalog)
        try InsertBenchmark.fill(a, rows: rows)
        FileHandle.standardError.write(Data("making batches\n".utf8))  // where a profiler attaches

        var make = 0.0, complete = 0.0, bodies: [[UInt8]] = [], gzBytes = 0
        let faults0 = ResourceUsage.minorFaults()
        while true {
            let t0 = ResourceUsage.cpuSeconds()
            guard let batch = try a.nextPushBatch(maxChanges: 5_000, compressionLevel: level) else { break }
            let t1 = ResourceUsage.cpuSeconds()
            try a.completePush(batch, response: PushResponse(batchID: batch.batchID, seq: batch.seq,
                                                             accepted: batch.changeCount, rejected: [], serverClock: .zero))
            complete += ResourceUsage.cpuSeconds() - t1
            make += t1 - t0
            bodies.append(batch.gzippedBody)
            gzBytes += batch.gzippedBody.count
        }

        let makeFaults = ResourceUsage.minorFaults() - faults0
        FileHandle.standardError.write(Data("decoding\n".utf8))
        let rules = ValidationRules(catalog: BenchTable.catalog)
        var gunzip = 0.0, decode = 0.0, wire = 0.0, precheck = 0.0, changes = 0, jsonBytes = 0
        for body in bodies {
            let t0 = ResourceUsage.cpuSeconds()
            let json = try Gzip.decompress(body, limit: SyncProtocol.maxInflatedBody)
            let t1 = ResourceUsage.cpuSeconds()
            var request = try WireJSON.decodePushRequest(json)
            let t2 = ResourceUsage.cpuSeconds()
            request.prepareWireChanges()
            let t3 = ResourceUsage.cpuSeconds()
            ChangeValidator.precheck(&request, rules: rules, now: WallClock.nowMillis())
            let t4 = ResourceUsage.cpuSeconds()
            (gunzip, decode, wire, precheck) = (gunzip + t1 - t0, decode + t2 - t1, wire + t3 - t2, precheck + t4 - t3)
            changes += request.changes.count
            jsonBytes += json.count
        }
        guard changes == rows.count else { throw BenchError("decoded \(changes) of \(rows.count) changes") }
        let us = { (s: Double) in s / Double(max(changes, 1)) * 1e6 }
        print(String(format: "rows=%d level=%d json_bytes_per_change=%.0f gzip_bytes_per_change=%.0f client_make_us=%.2f client_complete_us=%.2f server_gunzip_us=%.2f server_decode_us=%.2f server_wire_us=%.2f server_precheck_us=%.2f client_us=%.2f server_us=%.2f client_faults=%d",
                     changes, level, Double(jsonBytes) / Double(changes), Double(gzBytes) / Double(changes),
                     us(make), us(complete), us(gunzip), us(decode), us(wire), us(precheck),
                     us(make + complete), us(gunzip + decode + wire + precheck), makeFaults))
    }
}
