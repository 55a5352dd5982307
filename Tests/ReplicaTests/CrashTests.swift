import DistrictTestSupport
import Foundation
import Replica
import SQLiteDB
import Testing

@Suite("Killed in the middle of a write")
struct CrashTests {
    /// Starts `dsync-bench insert --synthetic 100000` and kills it with SIGKILL once `ready` says so.
    func insertAndKill(db: String, batch: Int, ready: @escaping @Sendable (String, String) -> Bool) throws -> Int {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ProcessRunner.product("dsync-bench"))
        p.arguments = ["insert", "--synthetic", "100000", "--batch", String(batch), "--progress", db]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        var seen = ""
        let deadline = Date().addingTimeInterval(60)
        while p.isRunning && Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            seen += String(decoding: chunk, as: UTF8.self)
            if ready(seen, db) { break }
            if chunk.isEmpty { usleep(2_000) }
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        return seen.components(separatedBy: "committed=").count - 1
    }

    /// The data and the change log agree exactly: every row is covered by exactly one creation entry,
    /// and every creation entry covers only rows that exist.
    func checkAgreement(_ path: String) throws -> Int64 {
        let r = try Replica.open(at: path)
        let rows = try r.query("SELECT count(*) FROM bench_project").first?.first?.integer ?? -1
        let logged = try r.query("SELECT coalesce(sum(rid_to - rid_from + 1), 0) FROM _ds_log WHERE tbl = 'bench_project' AND unit = '*'").first?.first?.integer ?? -2
        #expect(rows == logged)
        let uncovered = try r.query("""
            SELECT count(*) FROM bench_project p WHERE (SELECT count(*) FROM _ds_log l
              WHERE l.tbl = 'bench_project' AND l.unit = '*' AND p._rid BETWEEN l.rid_from AND l.rid_to) <> 1
            """).first?.first
        #expect(uncovered == .integer(0))
        let dangling = try r.query("""
            SELECT coalesce(sum(l.rid_to - l.rid_from + 1 - (SELECT count(*) FROM bench_project p WHERE p._rid BETWEEN l.rid_from AND l.rid_to)), 0)
            FROM _ds_log l WHERE l.tbl = 'bench_project'
            """).first?.first
        #expect(dangling == .integer(0))
        #expect(try r.query("PRAGMA integrity_check").first?.first == .text("ok"))
        return rows
    }

    @Test("kill -9 during batched commits: data and change log agree, committed batches are all there",
          arguments: [3, 20, 60])
    func killBetweenBatches(afterBatches: Int) throws {
        let dir = TemporaryDirectory()
        let db = dir.file("crash.dsync")
        let committed = try insertAndKill(db: db, batch: 1000) { seen, _ in
            seen.components(separatedBy: "committed=").count - 1 >= afterBatches
        }
        let rows = try checkAgreement(db)
        #expect(rows >= Int64(committed) * 1000)
        #expect(rows < 100_000)
        #expect(rows % 1000 == 0)
    }

    @Test("kill -9 inside one 100k-row transaction: nothing of it is visible, the replica still opens")
    func killInsideOneTransaction() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("crash.dsync")
        let committed = try insertAndKill(db: db, batch: 0) { seen, _ in seen.contains("inserted=50000") }
        #expect(committed == 0)
        #expect(try checkAgreement(db) == 0)
        let r = try Replica.open(at: db)
        #expect(try r.pendingSummary().isEmpty)
        #expect(try r.query("SELECT count(*) FROM org_unit").first?.first == .integer(1))
    }
}
