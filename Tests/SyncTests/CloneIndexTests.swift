import CentralStore
import DistrictTestSupport
import Foundation
import Replica
import SQLiteDB
import SyncClient
import SyncModel
import Testing

/// A first pull fills empty tables without their plain indexes and builds them once at the end.
@Suite("Indexes during a clone")
struct CloneIndexTests {
    /// The plain index names of `table`, read through a connection of its own.
    static func indexes(_ path: String, _ table: String) throws -> [String] {
        try Database(path: path, mode: .readOnly)
            .query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name", [.text(table)])
            .compactMap { $0[0].text }
    }

    /// Records, at every pull, which plain indexes the replica file has at that moment.
    final class WatchingTransport: SyncTransport, @unchecked Sendable {
        let inner: InProcessTransport
        let path: String
        let lock = NSLock()
        var seen: [(project: [String], lead: [String])] = []
        var failAfter: Int?

        init(_ inner: InProcessTransport, path: String) {
            self.inner = inner
            self.path = path
        }

        func push(_ request: PushRequest) throws(SyncClientError) -> PushResponse { try inner.push(request) }

        func pull(after: Int64, limit: Int) throws(SyncClientError) -> PullResponse {
            let state = (try? (CloneIndexTests.indexes(path, "project"), CloneIndexTests.indexes(path, "lead"))) ?? ([], [])
            let calls = lock.withLock { () -> Int in
                seen.append(state)
                return seen.count
            }
            if let failAfter, calls > failAfter { throw SyncClientError(kind: .unreachable, message: "网络中断（模拟）") }
            return try inner.pull(after: after, limit: limit)
        }
    }

    func world() throws -> (TemporaryDirectory, SQLiteCentralStore) {
        let dir = TemporaryDirectory("clone")
        let store = try SQLiteCentralStore(path: dir.file("central.db"), units: TestUnits.all)
        let a = try Replica.create(at: dir.file("a.dsync"), office: TestUnits.huaiheRoad, units: TestUnits.all)
        try a.write { w in
            let bulk = try w.bulkInserter("project", columns: ["project_no", "name", "investor_uscc"])
            for i in 0..<300 { try bulk.insert([.text("410103001-2024-\(i)"), .text("项目\(i)"), .text("91410100MA\(i)")]) }
        }
        _ = try SyncSession(replica: a, transport: InProcessTransport(store: store, token: try store.createToken(office: TestUnits.huaiheRoad))).run()
        return (dir, store)
    }

    @Test("empty tables lose their plain indexes for the clone and get them back; a table with rows keeps them")
    func cloneDefersAndRebuilds() throws {
        let (dir, store) = try world()
        let path = dir.file("b.dsync")
        let b = try Replica.create(at: path, office: TestUnits.mingongRoad, units: TestUnits.all)
        try b.write { try $0.insert("lead", ["lead_no": "410103003-2024-0001", "title": "本地先录的线索"]) }
        let projectIndexes = try Self.indexes(path, "project"), leadIndexes = try Self.indexes(path, "lead")
        #expect(projectIndexes.count >= 3)
        let transport = WatchingTransport(InProcessTransport(store: store, token: try store.createToken(office: TestUnits.mingongRoad)), path: path)
        var session = SyncSession(replica: b, transport: transport)
        session.pullLimit = 100
        session.overlap = false
        var report = SyncReport()
        try session.pull(&report)
        #expect(report.pulledChanges == 300)
        #expect(transport.seen.count == 3)
        // During the clone: no plain index on the empty project table (its UNIQUE id index stays); lead untouched.
        for state in transport.seen {
            #expect(state.project.isEmpty)
            #expect(state.lead == leadIndexes)
        }
        #expect(try Self.indexes(path, "project") == projectIndexes)
        #expect(try b.query("SELECT count(*) FROM project INDEXED BY project__project_no WHERE project_no > ''").first?.first == .integer(300))
    }

    @Test("a clone cut short: indexes come back at once, or at the replica's next opening; nothing pulled is lost")
    func interruptedClone() throws {
        let (dir, store) = try world()
        let path = dir.file("b.dsync")
        let token = try store.createToken(office: TestUnits.mingongRoad)
        do {
            let b = try Replica.create(at: path, office: TestUnits.mingongRoad, units: TestUnits.all)
            let transport = WatchingTransport(InProcessTransport(store: store, token: token), path: path)
            transport.failAfter = 2
            var session = SyncSession(replica: b, transport: transport)
            session.pullLimit = 100
            session.overlap = false
            var report = SyncReport()
            #expect(throws: SyncClientError.self) { try session.pull(&report) }
            #expect(try Self.indexes(path, "project").count >= 3)  // rebuilt after the failure
            #expect(try b.pullCursor() > 0)
        }
        // Killed instead: the dropped indexes are written down, and the next opening builds them.
        let killedPath = dir.file("c.dsync")
        let before: [String]
        do {
            let c = try Replica.create(at: killedPath, office: TestUnits.mingongRoad, units: TestUnits.all)
            before = try Self.indexes(killedPath, "project")
            #expect(try c.deferIndexesForClone())
            #expect(try c.deferIndexesForClone() == false)  // already deferred
            #expect(try Self.indexes(killedPath, "project").isEmpty)
        }  // the process "dies" here without rebuilding
        let reopened = try Replica.open(at: killedPath)
        #expect(try Self.indexes(killedPath, "project") == before)
        _ = try SyncSession(replica: reopened, transport: InProcessTransport(store: store, token: token)).run()
        #expect(try reopened.query("SELECT count(*) FROM project").first?.first == .integer(300))
        #expect(try Self.indexes(killedPath, "project") == before)
    }
}
