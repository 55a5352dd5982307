import DistrictTestSupport
import MergeStore
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

    func replica(_ dir: TemporaryDirectory) throws -> Replica {
        try Replica.create(at: dir.file("a.dsync"), office: TestUnits.huaiheRoad, units: TestUnits.all)
    }

    @Test("remote changes are applied and never enter the outbox")
    func applyIsNotCaptured() throws {
        let dir = TemporaryDirectory()
        let r = try replica(dir)
        let id = RowID.generate()
        let rename = Change(table: "project", rowID: id, unit: "name", values: ["name": .text("远程项目（改）")], clock: clock(1), site: remote,
                            office: TestUnits.mingongRoad)
        let result = try r.apply([
            Change(table: "project", rowID: id, unit: "*", values: ["project_no": .text("410103003-2024-0001"), "name": .text("远程项目"),
                   "owner_unit_id": .text(TestUnits.mingongRoad), "total_invest": .integer(100)], clock: clock(), site: remote, office: TestUnits.mingongRoad),
            rename,
        ])
        #expect(result == ApplyResult(applied: 2))
        #expect(try r.query("SELECT name, owner_unit_id, total_invest FROM project WHERE id = ?", [.text(id)]).first
                == [.text("远程项目（改）"), .text(TestUnits.mingongRoad), .integer(100)])
        #expect(try r.pendingLog().isEmpty)
        // Applying the same batch again changes nothing.
        #expect(try r.apply([rename]).duplicates == 1)
    }

    @Test("concurrent edits: the greater (clock, site) wins, the loser is in the conflict log with both values and offices")
    func concurrentEditIsAConflict() throws {
        let dir = TemporaryDirectory()
        let r = try replica(dir)
        let id = try r.write { try $0.insert("project", ["project_no": "p", "name": "初稿", "total_invest": 5]) }
        try r.write { try $0.update("project", id: id, ["total_invest": 7]) }
        // A remote office changed the same cell without having seen our 7 (its base is the creation).
        try r.apply([Change(table: "project", rowID: id, unit: "total_invest", values: ["total_invest": .integer(9)],
                            clock: clock(60_000), site: remote, office: TestUnits.mingongRoad)])
        #expect(try r.query("SELECT total_invest FROM project").first?.first == .integer(9))
        let conflicts = try r.conflicts()
        #expect(conflicts.count == 1)
        let c = try #require(conflicts.first)
        #expect(c.unit == "total_invest")
        #expect(c.loserValues == ["total_invest": .integer(7)])
        #expect(c.loserOffice == TestUnits.huaiheRoad)
        #expect(c.winnerValues == ["total_invest": .integer(9)])
        #expect(c.winnerOffice == TestUnits.mingongRoad)
        #expect(c.resolvedBy == nil)
        // The local edit still waits to be pushed: it must reach the others' conflict logs too.
        #expect(try r.pendingLog().map(\.unit) == ["*", "total_invest"])
    }

    @Test("an edit built on the value it replaced is not a conflict; an older concurrent one loses quietly into the log")
    func knowinglyReplacedIsNoConflict() throws {
        let dir = TemporaryDirectory()
        let r = try replica(dir)
        let id = try r.write { try $0.insert("project", ["project_no": "p", "name": "初稿"]) }
        try r.write { try $0.update("project", id: id, ["name": "本地"]) }
        let mine = try #require(r.pendingLog().last)
        // The remote saw our edit (base = it) and changed it again: a normal overwrite.
        try r.apply([Change(table: "project", rowID: id, unit: "name", values: ["name": .text("远程改过")], clock: clock(1000), site: remote,
                            office: TestUnits.mingongRoad, base: ChangeID(clock: mine.clock, site: r.site))])
        #expect(try r.query("SELECT name FROM project").first?.first == .text("远程改过"))
        #expect(try r.conflicts().isEmpty)
        // An edit older than the winner made without seeing it: recorded, loses, is a conflict.
        let old = try r.apply([Change(table: "project", rowID: id, unit: "name", values: ["name": .text("旧的远程值")],
                                      clock: HybridTimestamp(rawValue: mine.clock.rawValue - 1), site: low, office: TestUnits.mingongRoad)])
        #expect(old == ApplyResult(superseded: 1))
        #expect(try r.query("SELECT name FROM project").first?.first == .text("远程改过"))
        #expect(try r.conflicts().map(\.loserValues) == [["name": .text("旧的远程值")]])
    }

    @Test("editing a cell that shows a conflict resolves it, and the resolution syncs as an ordinary edit")
    func resolvingIsAnEdit() throws {
        let dir = TemporaryDirectory()
        let r = try replica(dir)
        let id = try r.write { try $0.insert("project", ["project_no": "p", "name": "甲"]) }
        try r.write { try $0.update("project", id: id, ["name": "本地"]) }
        try r.apply([Change(table: "project", rowID: id, unit: "name", values: ["name": .text("远程")], clock: clock(1000), site: remote,
                            office: TestUnits.mingongRoad)])
        #expect(try r.conflicts(includeResolved: false).count == 1)
        try r.write { try $0.update("project", id: id, ["name": "商定后的名称"]) }
        #expect(try r.conflicts(includeResolved: false).isEmpty)
        let all = try r.conflicts()
        #expect(all.count == 1)
        #expect(all[0].resolvedOffice == TestUnits.huaiheRoad)
        #expect(all[0].winnerValues == ["name": .text("商定后的名称")])
    }

    @Test("a delete is final: later edits to the row are kept in the conflict log as losers to the deletion")
    func deleteIsFinal() throws {
        let dir = TemporaryDirectory()
        let r = try replica(dir)
        let id = try r.write { try $0.insert("project", ["project_no": "p", "name": "甲"]) }
        try r.apply([Change(table: "project", rowID: id, unit: "-", values: [:], clock: clock(10), site: remote, office: TestUnits.mingongRoad, seen: [:])])
        #expect(try r.query("SELECT count(*) FROM project").first?.first == .integer(0))
        let late = try r.apply([Change(table: "project", rowID: id, unit: "name", values: ["name": .text("复活?")], clock: clock(20), site: low,
                                       office: TestUnits.mingongRoad)])
        #expect(late == ApplyResult(superseded: 1))
        #expect(try r.query("SELECT count(*) FROM project").first?.first == .integer(0))
        let c = try r.conflicts()
        #expect(c.count == 1 && c[0].winnerIsDeletion && c[0].loserValues == ["name": .text("复活?")])
    }

    @Test("a failing batch is applied not at all")
    func batchIsAtomic() throws {
        let dir = TemporaryDirectory()
        let r = try replica(dir)
        #expect(throws: ReplicaError.self) {
            try r.apply([
                Change(table: "project", rowID: RowID.generate(), unit: "*", values: ["name": .text("甲")], clock: clock(), site: remote),
                Change(table: "no_such_table", rowID: RowID.generate(), unit: "*", values: [:], clock: clock(), site: remote),
            ])
        }
        #expect(try r.query("SELECT count(*) FROM project").first?.first == .integer(0))
    }

    @Test("edits made with the sqlite3 shell carry their base and resolve conflicts like dsync's own")
    func shellEditsJoinTheMerge() throws {
        let dir = TemporaryDirectory()
        let r = try replica(dir)
        let id = try r.write { try $0.insert("project", ["project_no": "p", "name": "甲"]) }
        try r.write { try $0.update("project", id: id, ["name": "本地"]) }
        try r.apply([Change(table: "project", rowID: id, unit: "name", values: ["name": .text("远程")], clock: clock(1000), site: remote,
                            office: TestUnits.mingongRoad)])
        try ProcessRunner.sqlite3(r.path, "UPDATE project SET name = '用 sqlite3 改的' WHERE id = '\(id)';")
        let h = try r.query("SELECT base_site, resolves IS NOT NULL, value FROM _ds_history WHERE unit = 'name' ORDER BY hlc DESC LIMIT 1").first
        #expect(h == [.text(remote.hex), .integer(1), .text(#"{"name":"用 sqlite3 改的"}"#)])
        #expect(try r.conflicts(includeResolved: false).isEmpty)
        #expect(try r.conflicts().count == 1)
    }
}
