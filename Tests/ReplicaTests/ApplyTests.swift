import DistrictTestSupport
import Replica
import SyncModel
import Testing

@Suite("Applying remote changes")
struct ApplyTests {
    let remote = SiteID(hex: "ffffffffffffffffffffffffffffffff")!
    let low = SiteID(hex: "00000000000000000000000000000001")!

    func clock(_ offsetMillis: Int64 = 0) -> HybridTimestamp {
        HybridTimestamp(wallMillis: WallClock.nowMillis() + offsetMillis, counter: 0)
    }

    @Test("remote changes are applied and never logged as local changes")
    func applyIsNotCaptured() throws {
        let dir = TemporaryDirectory()
        let r = try Replica.create(at: dir.file("a.dsync"), office: TestUnits.huaiheRoad, units: TestUnits.all)
        let id = RowID.generate()
        let result = try r.apply([
            Change(table: "project", rowID: id, unit: "*", values: ["project_no": .text("410103003-2024-0001"), "name": .text("远程项目"),
                   "owner_unit_id": .text(TestUnits.mingongRoad), "total_invest": .integer(100)], clock: clock(), site: remote),
            Change(table: "project", rowID: id, unit: "name", values: ["name": .text("远程项目（改）")], clock: clock(1), site: remote),
        ])
        #expect(result == ApplyResult(applied: 2, ignored: 0))
        #expect(try r.query("SELECT name, owner_unit_id, total_invest FROM project WHERE id = ?", [.text(id)]).first
                == [.text("远程项目（改）"), .text(TestUnits.mingongRoad), .integer(100)])
        #expect(try r.pendingLog().isEmpty)
    }

    @Test("a remote change older than the local value loses; a newer one wins")
    func greaterClockWins() throws {
        let dir = TemporaryDirectory()
        let r = try Replica.create(at: dir.file("a.dsync"), office: TestUnits.huaiheRoad, units: TestUnits.all)
        let id = try r.write { try $0.insert("project", ["project_no": "p", "name": "初稿"]) }
        try r.write { try $0.update("project", id: id, ["name": "本地"]) }
        let local = try r.pendingLog()[1].clock
        let old = try r.apply([Change(table: "project", rowID: id, unit: "name", values: ["name": .text("旧的远程值")],
                                      clock: HybridTimestamp(rawValue: local.rawValue - 1), site: remote)])
        #expect(old == ApplyResult(applied: 0, ignored: 1))
        #expect(try r.query("SELECT name FROM project").first?.first == .text("本地"))
        // Same clock: the greater site id breaks the tie.
        let tieLow = try r.apply([Change(table: "project", rowID: id, unit: "name", values: ["name": .text("低站点")], clock: local, site: low)])
        #expect(tieLow.applied == (low.hex > r.site.hex ? 1 : 0))
        let new = try r.apply([Change(table: "project", rowID: id, unit: "name", values: ["name": .text("新的远程值")], clock: clock(1000), site: remote)])
        #expect(new == ApplyResult(applied: 1, ignored: 0))
        #expect(try r.query("SELECT name FROM project").first?.first == .text("新的远程值"))
    }

    @Test("overwriting a local edit that was not pushed keeps the local value in the log")
    func pendingLocalValueIsKept() throws {
        let dir = TemporaryDirectory()
        let r = try Replica.create(at: dir.file("a.dsync"), office: TestUnits.huaiheRoad, units: TestUnits.all)
        let id = try r.write { try $0.insert("project", ["project_no": "p", "name": "甲", "total_invest": 5]) }
        try r.write { try $0.update("project", id: id, ["total_invest": 7]) }
        try r.apply([Change(table: "project", rowID: id, unit: "total_invest", values: ["total_invest": .integer(9)], clock: clock(60_000), site: remote)])
        #expect(try r.query("SELECT total_invest FROM project").first?.first == .integer(9))
        let log = try r.query("SELECT unit, kept, kept_value FROM _ds_log ORDER BY seq")
        // The local update lost and is kept with its value (5 was superseded locally, not lost).
        #expect(log.count == 2)
        #expect(log[1] == [.text("total_invest"), .integer(1), .text(#"{"total_invest":7}"#)])
        #expect(try r.pendingLog().map(\.unit) == ["*", "total_invest"])
    }

    @Test("overwriting a cell of a row created here and not yet pushed keeps the created value")
    func pendingCreationValueIsKept() throws {
        let dir = TemporaryDirectory()
        let r = try Replica.create(at: dir.file("a.dsync"), office: TestUnits.huaiheRoad, units: TestUnits.all)
        let id = try r.write { w in
            let bulk = try w.bulkInserter("project", columns: ["project_no", "name", "total_invest"])
            try bulk.insert(["p0", "乙", 1])
            return try bulk.insert(["p1", "甲", 5])
        }
        for _ in 0..<2 {  // applying the same change twice keeps the value once
            try r.apply([Change(table: "project", rowID: id, unit: "total_invest", values: ["total_invest": .integer(9)], clock: clock(60_000), site: remote)])
        }
        let log = try r.query("SELECT unit, kept, kept_value, hlc, rid_from, rid_to FROM _ds_log ORDER BY seq")
        #expect(log.count == 2)
        #expect(log[0][4] == .integer(log[0][5].integer! - 1))  // one entry for both created rows
        #expect(Array(log[1][0...2]) == [.text("total_invest"), .integer(1), .text(#"{"total_invest":5}"#)])
        #expect(log[1][3] == log[0][3])  // under the creation's clock
        #expect(try r.pendingSummary() == [PendingSummary(table: "project", inserts: 2, updates: 1, deletes: 0)])
    }

    @Test("a delete is a tombstone: later changes to the row are ignored")
    func deleteIsFinal() throws {
        let dir = TemporaryDirectory()
        let r = try Replica.create(at: dir.file("a.dsync"), office: TestUnits.huaiheRoad, units: TestUnits.all)
        let id = try r.write { try $0.insert("project", ["project_no": "p", "name": "甲"]) }
        try r.apply([Change(table: "project", rowID: id, unit: "-", values: [:], clock: clock(10), site: remote)])
        #expect(try r.query("SELECT count(*) FROM project").first?.first == .integer(0))
        let late = try r.apply([Change(table: "project", rowID: id, unit: "name", values: ["name": .text("复活?")], clock: clock(20), site: remote)])
        #expect(late == ApplyResult(applied: 0, ignored: 1))
        #expect(try r.query("SELECT count(*) FROM project").first?.first == .integer(0))
    }

    @Test("a failing batch is applied not at all")
    func batchIsAtomic() throws {
        let dir = TemporaryDirectory()
        let r = try Replica.create(at: dir.file("a.dsync"), office: TestUnits.huaiheRoad, units: TestUnits.all)
        #expect(throws: ReplicaError.self) {
            try r.apply([
                Change(table: "project", rowID: RowID.generate(), unit: "*", values: ["name": .text("甲")], clock: clock(), site: remote),
                Change(table: "no_such_table", rowID: RowID.generate(), unit: "*", values: [:], clock: clock(), site: remote),
            ])
        }
        #expect(try r.query("SELECT count(*) FROM project").first?.first == .integer(0))
    }
}
