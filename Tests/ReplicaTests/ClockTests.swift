import DistrictTestSupport
import Replica
import SyncModel
import Testing

@Suite("The replica's hybrid clock")
struct ReplicaClockTests {
    @Test("the clock never goes backwards across restarts, even when the stored clock is ahead of the wall clock")
    func neverBackwards() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("a.dsync")
        do {
            let r = try Replica.create(at: path, office: TestUnits.huaiheRoad, units: TestUnits.all)
            try r.write { try $0.insert("project", ["project_no": "a", "name": "甲"]) }
        }
        // The machine's clock was an hour fast when it last wrote, then was corrected (jumped back).
        let ahead = HybridTimestamp(wallMillis: WallClock.nowMillis() + 3_600_000, counter: 5)
        try ProcessRunner.sqlite3(path, "UPDATE _ds_meta SET value = \(ahead.rawValue) WHERE key = 'hlc';")
        let r = try Replica.open(at: path)
        try r.write { try $0.insert("project", ["project_no": "b", "name": "乙"]) }
        try ProcessRunner.sqlite3(path, "INSERT INTO project (project_no, name) VALUES ('c', '丙');")
        let log = try r.pendingLog()
        #expect(log.count == 3)
        #expect(log[1].clock > ahead)
        #expect(log[2].clock > log[1].clock)
    }

    @Test("receiving a later remote clock bumps the local clock past it")
    func remoteClockBumps() throws {
        let dir = TemporaryDirectory()
        let r = try Replica.create(at: dir.file("a.dsync"), office: TestUnits.huaiheRoad, units: TestUnits.all)
        let later = HybridTimestamp(wallMillis: WallClock.nowMillis() + 600_000, counter: 9)
        try r.apply([Change(table: "project", rowID: RowID.generate(), unit: "*", values: ["name": .text("远程")],
                            clock: later, site: SiteID.random())])
        try r.write { try $0.insert("project", ["project_no": "b", "name": "乙"]) }
        #expect(try r.pendingLog()[0].clock > later)
        // And the bump survives a restart.
        let reopened = try Replica.open(at: r.path)
        #expect(reopened.lastClock > later)
    }

    @Test("a remote clock days ahead of the wall clock is refused and nothing is applied")
    func farFutureRefused() throws {
        let dir = TemporaryDirectory()
        let r = try Replica.create(at: dir.file("a.dsync"), office: TestUnits.huaiheRoad, units: TestUnits.all)
        let wild = HybridTimestamp(wallMillis: WallClock.nowMillis() + 3 * 86_400_000, counter: 0)
        #expect(throws: ClockError.self) {
            try r.apply([Change(table: "project", rowID: RowID.generate(), unit: "*", values: ["name": .text("x")], clock: wild, site: SiteID.random())])
        }
        #expect(try r.query("SELECT count(*) FROM project").first?.first == .integer(0))
        #expect(r.lastClock < wild)
        // The same change in a pulled batch was accepted by the server's clock: applied, never a stuck pull.
        let pulled = PullResponse(changes: [Change(table: "project", rowID: RowID.generate(), unit: "*", values: ["name": .text("x")],
                                                   clock: wild, site: SiteID.random())], cursor: 1, more: false)
        #expect(try r.applyPulled(pulled).applied == 1)
        #expect(r.lastClock >= wild)
    }
}
