import DistrictTestSupport
import Foundation
import SQLiteDB
import Testing

@Suite("WAL checkpoints on a thread of their own", .timeLimit(.minutes(1)))
struct BackgroundCheckpointerTests {
    /// Pages in the WAL not yet copied back into the database file, read through a connection of its own.
    func walFrames(_ path: String) throws -> (log: Int64, checkpointed: Int64) {
        let r = try Database(path: path).query("PRAGMA wal_checkpoint(PASSIVE)").first ?? []
        return (r[1].integer ?? -1, r[2].integer ?? -1)
    }

    /// A WAL database at `path` with table `t (id, v)`, its writer, and a checkpointer attached to it.
    func attachedWriter(_ path: String, thresholdFrames: Int32) throws -> (Database, BackgroundCheckpointer) {
        let writer = try Database(path: path, mode: .create)
        try writer.execute("PRAGMA journal_mode = WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
        let checkpointer = try BackgroundCheckpointer(path: path, thresholdFrames: thresholdFrames)
        checkpointer.attach(to: writer)
        return (writer, checkpointer)
    }

    @Test("a writer past the threshold is checkpointed in the background; its WAL starts over; nothing is lost")
    func checkpointsInBackground() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("t.db")
        let (writer, checkpointer) = try attachedWriter(path, thresholdFrames: 50)
        let text = String(repeating: "二七区重大项目", count: 40)  // about ten pages a transaction
        for batch in 0..<100 {
            try writer.transaction {
                for i in 0..<50 { try writer.run("INSERT INTO t (id, v) VALUES (?, ?)", [.integer(Int64(batch * 50 + i)), .text(text)]) }
            }
            Thread.sleep(forTimeInterval: 0.002)
        }
        #expect(checkpointer.checkpointsRun > 0)
        // About a thousand pages were written; the WAL started over after each background checkpoint.
        #expect(try walFrames(path).log < 300)
        checkpointer.stop()
        checkpointer.stop()  // a second stop is harmless
        // After stop: the hook is gone, commits still work, and a fresh connection reads every row.
        try writer.run("INSERT INTO t (id, v) VALUES (?, ?)", [.integer(999_999), .text("最后一行")])
        #expect(try Database(path: path).query("SELECT count(*) FROM t").first?.first == .integer(5_001))
    }

    @Test("stop() closes its connection: with the writer closed, the file leaves WAL mode at once though the checkpointer is still held")
    func stopClosesItsConnection() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("t.db")
        let held: BackgroundCheckpointer
        do {
            let (writer, checkpointer) = try attachedWriter(path, thresholdFrames: 50)
            try writer.run("INSERT INTO t (id, v) VALUES (1, '二七区')")
            checkpointer.stop()
            held = checkpointer
        }
        // Leaving WAL mode needs every other connection closed, and does not wait for one.
        let mode = try Database(path: path).scalar("PRAGMA journal_mode = DELETE")?.text
        withExtendedLifetime(held) {}
        #expect(mode == "delete")
    }

    @Test("under a writer that never pauses, the WAL still starts over: its file stays a few thresholds long")
    func boundedUnderSteadyWriter() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("t.db")
        let (writer, checkpointer) = try attachedWriter(path, thresholdFrames: 200)
        let text = String(repeating: "金水区招商引资项目", count: 60)
        var largest: Int64 = 0
        for batch in 0..<400 {
            try writer.transaction {
                for i in 0..<40 { try writer.run("INSERT INTO t (id, v) VALUES (?, ?)", [.integer(Int64(batch * 40 + i)), .text(text)]) }
            }
            largest = max(largest, Int64((try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0))
        }
        // About 16,000 pages were written back to back; the WAL file never held more than a few thousand.
        #expect(checkpointer.checkpointsRun > 0 && checkpointer.remaindersCopied > 0)
        #expect(largest < 8 * 200 * 4_096, "the WAL file grew to \(largest) bytes")
        checkpointer.stop()
        #expect(try Database(path: path).query("SELECT count(*) FROM t").first?.first == .integer(16_000))
    }

    @Test("the writer's automatic checkpoint is off while attached: below the threshold nothing is checkpointed")
    func belowThreshold() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("t.db")
        let (writer, checkpointer) = try attachedWriter(path, thresholdFrames: 1_000_000)
        for _ in 0..<30 { try writer.run("INSERT INTO t (v) VALUES (?)", [.text(String(repeating: "x", count: 8_000))]) }
        #expect(checkpointer.checkpointsRun == 0)
        let frames = try walFrames(path)
        #expect(frames.log > 30)  // SQLite's own automatic checkpoint (1,000 pages) would not have run either; the WAL holds every commit
        checkpointer.stop()
    }
}
