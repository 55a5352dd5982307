import CentralStore
import DistrictTestSupport
import Domain
import Replica
import SyncClient
import SQLiteDB
import SyncModel
import Testing

@Suite("Sync through the central store")
struct SyncBasicsTests {
    struct World {
        let dir = TemporaryDirectory("sync")
        let store: SQLiteCentralStore
        init() throws { store = try SQLiteCentralStore(path: dir.file("central.db"), units: TestUnits.all) }

        func office(_ code: String, _ name: String) throws -> (Replica, InProcessTransport) {
            let r = try Replica.create(at: dir.file("\(name).dsync"), office: code, units: TestUnits.all)
            return (r, InProcessTransport(store: store, token: try store.createToken(office: code)))
        }
    }

    @Test("two offices edit offline, sync, and converge; each reads the other's rows of the district")
    func twoOfficesConverge() throws {
        let w = try World()
        let (a, ta) = try w.office(TestUnits.huaiheRoad, "a")
        let (b, tb) = try w.office(TestUnits.mingongRoad, "b")
        try a.write { w in
            let bulk = try w.bulkInserter("project", columns: ["project_no", "name", "total_invest"])
            for i in 0..<250 { try bulk.insert([.text("410103001-2024-\(i)"), .text("项目\(i)"), .integer(Int64(i) * 10_000)]) }
        }
        let lead = try b.write { try $0.insert("lead", ["lead_no": "410103003-2024-0001", "title": "比亚迪品牌形象河南体验中心"]) }
        var s = SyncSession(replica: a, transport: ta)
        s.pushBatchSize = 100  // 250 rows in 3 batches
        let ra = try s.run()
        #expect(ra.pushedBatches == 3 && ra.pushedChanges == 250)
        let rb = try SyncSession(replica: b, transport: tb).run()
        #expect(rb.pushedChanges == 1 && rb.pulledChanges == 250)
        _ = try SyncSession(replica: a, transport: ta).run()
        #expect(try a.query("SELECT title FROM lead WHERE id = ?", [.text(lead)]).first?.first == .text("比亚迪品牌形象河南体验中心"))
        #expect(try b.query("SELECT count(*), sum(total_invest) FROM project").first == [.integer(250), .integer(311_250_000)])
        #expect(try w.store.query("SELECT count(*) FROM project").first?.first == .integer(250))
        #expect(try a.pendingSummary().isEmpty && b.pendingSummary().isEmpty)
    }

    @Test("an office cannot write another office's rows: the change is rejected with a reason and stays visible")
    func crossOfficeWriteRejected() throws {
        let w = try World()
        let (a, ta) = try w.office(TestUnits.huaiheRoad, "a")
        let (b, tb) = try w.office(TestUnits.mingongRoad, "b")
        let id = try a.write { try $0.insert("project", ["project_no": "410103001-2024-0001", "name": "淮河路的项目"]) }
        _ = try SyncSession(replica: a, transport: ta).run()
        _ = try SyncSession(replica: b, transport: tb).run()
        try b.write { try $0.update("project", id: id, ["name": "铭功路改了别人的项目"]) }
        let report = try SyncSession(replica: b, transport: tb).run()
        #expect(report.rejected == 1)
        let rejected = try b.rejectedChanges()
        #expect(rejected.count == 1 && rejected[0].code == "scope.not_owner" && rejected[0].reason.contains("410103001"))
        #expect(try w.store.query("SELECT name FROM project").first?.first == .text("淮河路的项目"))
        // Still visible locally until withdrawn; withdrawing restores the value the edit replaced.
        #expect(try b.query("SELECT name FROM project").first?.first == .text("铭功路改了别人的项目"))
        #expect(try b.withdrawRejected() == 1)
        #expect(try b.rejectedChanges().isEmpty)
        #expect(try b.query("SELECT name FROM project").first?.first == .text("淮河路的项目"))
        #expect(try b.pendingSummary().isEmpty)
    }

    @Test("withdrawing a refused deletion brings the row back; a refused creation disappears")
    func withdrawDeletionAndCreation() throws {
        let w = try World()
        let (a, ta) = try w.office(TestUnits.huaiheRoad, "a")
        let (b, tb) = try w.office(TestUnits.mingongRoad, "b")
        let id = try a.write { try $0.insert("project", ["project_no": "410103001-2024-0001", "name": "淮河路的项目", "total_invest": 7]) }
        _ = try SyncSession(replica: a, transport: ta).run()
        _ = try SyncSession(replica: b, transport: tb).run()
        try ProcessRunner.sqlite3(b.path, "DELETE FROM project WHERE id = '\(id)'; INSERT INTO project (project_no, name, owner_unit_id) VALUES ('x', '替别人建的', '410103001');")
        let report = try SyncSession(replica: b, transport: tb).run()
        #expect(report.rejected == 2)
        #expect(Set(try b.rejectedChanges().map(\.code)) == ["scope.not_owner"])
        #expect(try b.withdrawRejected() == 2)
        #expect(try b.query("SELECT project_no, name, total_invest, owner_unit_id FROM project ORDER BY project_no")
                == [[.text("410103001-2024-0001"), .text("淮河路的项目"), .integer(7), .text(TestUnits.huaiheRoad)]])
    }

    @Test("a dropped answer is retried with the same batch and applied once; a duplicate re-send returns the stored answer")
    func idempotentPush() throws {
        let w = try World()
        let (a, ta) = try w.office(TestUnits.huaiheRoad, "a")
        try a.write { try $0.insert("project", ["project_no": "p1", "name": "甲"]) }
        ta.faults = [.dropResponse]
        #expect(throws: SyncClientError.self) { try SyncSession(replica: a, transport: ta).run() }
        #expect(try a.pendingSummary().first?.inserts == 1)  // kept, still pending
        let report = try SyncSession(replica: a, transport: ta).run()
        #expect(report.pushedBatches == 1)
        #expect(ta.delivered.count == 2 && ta.delivered[0] == ta.delivered[1])
        #expect(try w.store.query("SELECT count(*) FROM feed").first?.first == .integer(1))
        let again = try w.store.push(ta.delivered[0], token: ta.token)
        #expect(again.accepted == 1 && again.seq == 1)
        #expect(try w.store.query("SELECT count(*) FROM feed").first?.first == .integer(1))
    }

    @Test("a gap in the push sequence is refused and the store is unchanged")
    func sequenceGap() throws {
        let w = try World()
        let (a, ta) = try w.office(TestUnits.huaiheRoad, "a")
        try a.write { try $0.insert("project", ["project_no": "p1", "name": "甲"]) }
        let batch = try #require(try a.nextPushBatch())
        var skipped = batch.request
        skipped.seq = 2
        let error = #expect(throws: SyncFailure.self) { try w.store.push(skipped, token: ta.token) }
        #expect(error?.status == 409 && error?.body.code == "push.sequence_gap")
        #expect(try w.store.query("SELECT count(*) FROM feed").first?.first == .integer(0))
    }

    @Test("a creation leaves its null columns out, and every receiver holds them as null")
    func sparseCreation() throws {
        let w = try World()
        let (a, ta) = try w.office(TestUnits.huaiheRoad, "a")
        let (b, tb) = try w.office(TestUnits.huaiheRoad, "b")
        let id = try a.write { try $0.insert("project", ["project_no": "p1", "name": "甲", "pool": "谋划库"]) }
        let batch = try #require(try a.nextPushBatch())
        #expect(batch.request.changes.map(\.values.keys) == [["name", "owner_unit_id", "pool", "project_no"]])
        _ = try SyncSession(replica: a, transport: ta).run()
        _ = try SyncSession(replica: b, transport: tb).run()
        let columns = "project_no, name, pool, stage, total_invest, remark, owner_unit_id"
        let expected: [SQLValue] = [.text("p1"), .text("甲"), .text("谋划库"), .null, .null, .null, .text(TestUnits.huaiheRoad)]
        #expect(try w.store.query("SELECT \(columns) FROM project WHERE id = ?", [.text(id)]).first == expected)
        #expect(try b.query("SELECT \(columns) FROM project WHERE id = ?", [.text(id)]).first == expected)
    }

    @Test("wrong and revoked tokens are refused")
    func tokens() throws {
        let w = try World()
        let (a, ta) = try w.office(TestUnits.huaiheRoad, "a")
        try a.write { try $0.insert("project", ["project_no": "p1", "name": "甲"]) }
        let bad = InProcessTransport(store: w.store, token: "dst_wrong")
        let e1 = #expect(throws: SyncClientError.self) { try SyncSession(replica: a, transport: bad).run() }
        #expect(e1?.kind == .refused(status: 401, code: "auth.invalid_token"))
        try w.store.revokeTokens(office: TestUnits.huaiheRoad)
        let e2 = #expect(throws: SyncClientError.self) { try SyncSession(replica: a, transport: ta).run() }
        #expect(e2?.kind == .refused(status: 401, code: "auth.invalid_token"))
        #expect(try a.pendingSummary().first?.inserts == 1)
    }

    @Test("two replicas of one office edit the same cell offline: both converge to one value and share the conflict")
    func sameCellConflict() throws {
        let w = try World()
        let (a1, t1) = try w.office(TestUnits.huaiheRoad, "a1")
        let a2 = try Replica.create(at: w.dir.file("a2.dsync"), office: TestUnits.huaiheRoad, units: TestUnits.all)
        let t2 = InProcessTransport(store: w.store, token: try w.store.createToken(office: TestUnits.huaiheRoad))
        let id = try a1.write { try $0.insert("project", ["project_no": "410103001-2024-0001", "name": "兰盾电子产业园", "total_invest": 100]) }
        _ = try SyncSession(replica: a1, transport: t1).run()
        _ = try SyncSession(replica: a2, transport: t2).run()
        try a1.write { try $0.update("project", id: id, ["total_invest": 150_000_000]) }
        try a2.write { try $0.update("project", id: id, ["total_invest": 160_000_000]) }
        for _ in 0..<2 {
            _ = try SyncSession(replica: a1, transport: t1).run()
            _ = try SyncSession(replica: a2, transport: t2).run()
        }
        let v1 = try a1.query("SELECT total_invest FROM project").first?.first
        #expect(v1 == (try a2.query("SELECT total_invest FROM project").first?.first))
        #expect(v1 == (try w.store.query("SELECT total_invest FROM project").first?.first))
        let c1 = try a1.conflicts(), c2 = try a2.conflicts(), cs = try w.store.conflicts()
        #expect(c1.count == 1 && c1 == c2 && c2 == cs)
        #expect(Set([c1[0].loserValues["total_invest"], c1[0].winnerValues["total_invest"]]) == [.integer(150_000_000), .integer(160_000_000)])
    }
}
