import DistrictTestSupport
import Domain
import Foundation
import Replica
import Testing

@Suite("Creating and opening replicas")
struct ReplicaCreationTests {
    @Test("init makes a WAL replica with the schema, a site id and the org units, and no pending changes")
    func createsReplica() throws {
        let dir = TemporaryDirectory()
        let r = try Replica.create(at: dir.file("a.dsync"), office: TestUnits.huaiheRoad, units: TestUnits.all)
        #expect(r.office == TestUnits.huaiheRoad)
        #expect(r.site.hex.count == 32)
        #expect(try r.query("PRAGMA journal_mode").first?.first == .text("wal"))
        let units = try r.query("SELECT unit_code, name FROM org_unit ORDER BY unit_code").map { $0[0].text ?? "" }
        #expect(units == TestUnits.all.map(\.unitCode).sorted())
        let parent = try r.query("""
            SELECT p.unit_code FROM org_unit c JOIN org_unit p ON p.id = c.parent_id WHERE c.unit_code = '410103001'
            """)
        #expect(parent.first?.first == .text("410103"))
        for table in Catalog.standard.tables {
            #expect(try r.query("SELECT count(*) FROM pragma_table_info(?)", [.text(table.name)]).first?.first
                    == .integer(Int64(table.columnNames.count + 1)))  // + the hidden _rid
        }
        #expect(try r.pendingSummary().isEmpty)
        #expect(FileManager.default.fileExists(atPath: dir.file("a.dsync")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("creating") }.isEmpty)
    }

    @Test("re-running init for the same office is harmless and keeps the site id and data")
    func rerunIsHarmless() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("a.dsync")
        let first = try Replica.create(at: path, office: TestUnits.huaiheRoad, units: TestUnits.all)
        try first.write { try $0.insert("project", ["project_no": "410103001-2024-0001", "name": "测试项目"]) }
        let again = try Replica.create(at: path, office: TestUnits.huaiheRoad, units: TestUnits.all)
        #expect(again.site == first.site)
        #expect(try again.query("SELECT count(*) FROM project").first?.first == .integer(1))
        #expect(try again.query("SELECT count(*) FROM org_unit").first?.first == .integer(Int64(TestUnits.all.count)))
    }

    @Test("init for another office on an existing replica is refused")
    func otherOfficeRefused() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("a.dsync")
        _ = try Replica.create(at: path, office: TestUnits.huaiheRoad, units: TestUnits.all)
        let error = #expect(throws: ReplicaError.self) {
            try Replica.create(at: path, office: TestUnits.mingongRoad, units: TestUnits.all)
        }
        #expect(error?.code == "replica.other_office")
    }

    @Test("an unknown office code is refused and nothing is created")
    func unknownOffice() throws {
        let dir = TemporaryDirectory()
        let error = #expect(throws: ReplicaError.self) {
            try Replica.create(at: dir.file("a.dsync"), office: "999999999", units: TestUnits.all)
        }
        #expect(error?.code == "replica.unknown_office")
        #expect(error?.message.contains("999999999") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test("an unwritable location is refused with a clear error and leaves nothing behind")
    func unwritablePath() throws {
        let dir = TemporaryDirectory()
        let error = #expect(throws: ReplicaError.self) {
            try Replica.create(at: dir.file("no/such/dir/a.dsync"), office: TestUnits.huaiheRoad, units: TestUnits.all)
        }
        #expect(error?.code == "replica.unwritable")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test("an existing file of another kind is refused and left byte-for-byte untouched",
          arguments: ["text", "sqlite"])
    func otherKindOfFile(kind: String) throws {
        let dir = TemporaryDirectory()
        let path = dir.file("ledger.db")
        if kind == "text" {
            try Data("项目名称,总投资\n".utf8).write(to: URL(fileURLWithPath: path))
        } else {
            try ProcessRunner.sqlite3(path, "CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: ReplicaError.self) {
            try Replica.create(at: path, office: TestUnits.huaiheRoad, units: TestUnits.all)
        }
        #expect(error?.code == "replica.not_a_replica")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("opening a missing replica says to run init")
    func missingReplica() throws {
        let dir = TemporaryDirectory()
        let error = #expect(throws: ReplicaError.self) { try Replica.open(at: dir.file("none.dsync")) }
        #expect(error?.code == "replica.missing")
        #expect(error?.message.contains("dsync init") == true)
    }
}
