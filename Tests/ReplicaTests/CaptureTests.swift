import DistrictTestSupport
import Foundation
import Replica
import SyncModel
import Testing

@Suite("Change capture")
struct CaptureTests {
    func makeReplica(_ dir: TemporaryDirectory) throws -> Replica {
        try Replica.create(at: dir.file("a.dsync"), office: TestUnits.huaiheRoad, units: TestUnits.all)
    }

    @Test("inserts, changed units and deletes made through the writer are logged with increasing clocks")
    func writerIsCaptured() throws {
        let dir = TemporaryDirectory()
        let r = try makeReplica(dir)
        let id = try r.write { w in
            try w.insert("project", ["project_no": "410103001-2024-0001", "name": "郑州兰盾电子产业园", "total_invest": 36_980_000_000])
        }
        try r.write { w in
            try w.update("project", id: id, ["name": "郑州兰盾电子产业园", "total_invest": 1_000_000])  // name unchanged
            try w.update("project", id: id, ["stage": "续建"])  // a member of the pool_stage group
        }
        try r.write { try $0.delete("project", id: id) }
        let log = try r.pendingLog()
        #expect(log.map(\.unit) == ["*", "total_invest", "pool_stage", "-"])
        #expect(log.allSatisfy { $0.rowID == id && $0.table == "project" })
        #expect(zip(log, log.dropFirst()).allSatisfy { $0.clock < $1.clock })
        let summary = try r.pendingSummary()
        #expect(summary == [PendingSummary(table: "project", inserts: 1, updates: 2, deletes: 1)])
        #expect(try r.query("SELECT value FROM _ds_meta WHERE key = 'hlc'").first?.first == .integer(log.last!.clock.rawValue))
    }

    @Test("a failed write transaction leaves neither rows nor log entries")
    func failedWriteLeavesNothing() throws {
        let dir = TemporaryDirectory()
        let r = try makeReplica(dir)
        #expect(throws: ReplicaError.self) {
            try r.write { w in
                try w.insert("project", ["project_no": "410103001-2024-0001", "name": "甲"])
                try w.insert("project", ["no_such_column": "x"])
            }
        }
        #expect(try r.query("SELECT count(*) FROM project").first?.first == .integer(0))
        #expect(try r.pendingLog().isEmpty)
    }

    @Test("writes made with the sqlite3 shell are captured: insert, per-unit update, group update, delete")
    func shellWritesAreCaptured() throws {
        let dir = TemporaryDirectory()
        let r = try makeReplica(dir)
        let before = r.lastClock
        let result = try ProcessRunner.sqlite3(r.path, """
            INSERT INTO project (project_no, name, total_invest) VALUES ('410103001-2024-0002', '二七区全民健身运动中心', 500000000);
            UPDATE project SET name = '二七区全民健身运动中心（一期）' WHERE project_no = '410103001-2024-0002';
            UPDATE project SET name = name WHERE project_no = '410103001-2024-0002';
            UPDATE project SET pool = '签约库' WHERE project_no = '410103001-2024-0002';
            UPDATE project SET end_year = 2025, start_year = 2023 WHERE project_no = '410103001-2024-0002';
            DELETE FROM project WHERE project_no = '410103001-2024-0002';
            """)
        #expect(result.status == 0, "\(result.stderr)")
        let log = try r.pendingLog()
        #expect(log.map(\.unit) == ["*", "name", "pool_stage", "build_years", "-"])
        #expect(Set(log.map(\.rowID)).count == 1)
        #expect(RowID.isValid(log[0].rowID))
        #expect(log[0].clock > before)
        #expect(zip(log, log.dropFirst()).allSatisfy { $0.clock < $1.clock })
        // The shell's rows belong to this replica's office by default.
        try ProcessRunner.sqlite3(r.path, "INSERT INTO project (project_no, name) VALUES ('x', 'y');")
        #expect(try r.query("SELECT owner_unit_id FROM project").first?.first == .text(TestUnits.huaiheRoad))
    }

    @Test("local writes after shell writes continue the same clock")
    func clockSharedWithShell() throws {
        let dir = TemporaryDirectory()
        let r = try makeReplica(dir)
        try ProcessRunner.sqlite3(r.path, "INSERT INTO project (project_no, name) VALUES ('a', '甲');")
        try r.write { try $0.insert("project", ["project_no": "b", "name": "乙"]) }
        let log = try r.pendingLog()
        #expect(log.count == 2)
        #expect(log[0].clock < log[1].clock)
    }

    @Test("changing a row's id with the shell logs a deletion and a creation")
    func rekeyIsDeleteAndInsert() throws {
        let dir = TemporaryDirectory()
        let r = try makeReplica(dir)
        let id = try r.write { try $0.insert("project", ["project_no": "a", "name": "甲"]) }
        try ProcessRunner.sqlite3(r.path, "UPDATE project SET id = '00000000-0000-4000-8000-000000000001' WHERE id = '\(id)';")
        let log = try r.pendingLog()
        #expect(log.map(\.unit) == ["*", "-", "*"])
        #expect(log.map(\.rowID) == [id, id, "00000000-0000-4000-8000-000000000001"])
    }
}
