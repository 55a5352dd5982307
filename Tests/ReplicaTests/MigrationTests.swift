import DistrictTestSupport
import Domain
import Replica
import SQLiteDB
import Testing

@Suite("Schema versions and migration")
struct MigrationTests {
    /// The catalog as an older build shipped it: `project` without two fields, no `person`-like table.
    static let olderProject = Table(
        "project", "项目", naturalKey: ["project_no"], groups: Table.project.groups.filter { $0.name != "investor" },
        indexes: [], fields: Table.project.fields.filter { !["remark", "investor_name", "investor_uscc"].contains($0.name) })
    static let v1 = Catalog(schemaVersion: 1, tables: [.orgUnit, olderProject])
    static let extra = Table("visit_note", "走访记录", naturalKey: ["note_no"], fields: [
        Field("note_no", "记录编号", .code, required: true), Field("text", "内容", .text),
    ])
    static let v2 = Catalog(schemaVersion: 2, tables: [.orgUnit, .project, extra])

    @Test("opening a replica written with an older catalog adds the new columns and tables and keeps the data")
    func migratesOlderCatalog() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("old.dsync")
        do {
            let old = try Replica.create(at: path, office: TestUnits.huaiheRoad, units: TestUnits.all, catalog: Self.v1)
            try old.write { try $0.insert("project", ["project_no": "410103001-2023-0001", "name": "老项目", "total_invest": 100]) }
        }
        let r = try Replica.open(at: path, catalog: Self.v2)
        #expect(try r.query("SELECT name, total_invest, remark FROM project").first == [.text("老项目"), .integer(100), .null])
        #expect(try r.query("SELECT value FROM _ds_meta WHERE key = 'catalog_version'").first?.first == .integer(2))
        // New columns and tables are captured like the old ones, by the writer and by the shell.
        try ProcessRunner.sqlite3(path, """
            UPDATE project SET remark = '补录' WHERE project_no = '410103001-2023-0001';
            UPDATE project SET investor_uscc = '91410103MA9G5XK10C' WHERE project_no = '410103001-2023-0001';
            INSERT INTO visit_note (note_no, text) VALUES ('n1', '走访');
            """)
        #expect(try r.pendingLog().map(\.unit) == ["*", "remark", "investor", "*"])
        // Opening again is a no-op.
        let again = try Replica.open(at: path, catalog: Self.v2)
        #expect(try again.pendingLog().count == 4)
        #expect(try again.query("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '_ds_project_upd_investor'").first?.first == .integer(1))
    }

    @Test("a replica written by a newer catalog or file format is refused, not damaged")
    func newerIsRefused() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("new.dsync")
        _ = try Replica.create(at: path, office: TestUnits.huaiheRoad, units: TestUnits.all, catalog: Self.v2)
        let e1 = #expect(throws: ReplicaError.self) { try Replica.open(at: path, catalog: Self.v1) }
        #expect(e1?.code == "replica.catalog_too_new")
        try ProcessRunner.sqlite3(path, "PRAGMA user_version = 99;")
        let e2 = #expect(throws: ReplicaError.self) { try Replica.open(at: path, catalog: Self.v2) }
        #expect(e2?.code == "replica.too_new")
        #expect(try ProcessRunner.sqlite3(path, "SELECT count(*) FROM project;").stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }
}
