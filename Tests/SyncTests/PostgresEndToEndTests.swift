import DistrictTestSupport
import Foundation
import Testing

/// The shipped binary on PostgreSQL: `dsync token create --store postgres://…`, two `dsync serve`
/// processes on one database with an office on each, and `dsync store copy` back to a SQLite file.
@Suite("End to end on PostgreSQL: two dsync serve instances", .serialized)
struct PostgresEndToEndTests {
    let dsync = ProcessRunner.product("dsync")

    func run(_ arguments: [String]) throws -> ProcessResult {
        let r = try ProcessRunner.run(dsync, arguments)
        #expect(r.status == 0, "dsync \(arguments.joined(separator: " ")): \(r.stderr)")
        return r
    }

    @Test("offices on two server instances converge through one PostgreSQL; the store copies back to SQLite verified")
    func twoInstances() throws {
        let dir = TemporaryDirectory("pg-e2e")
        let store = try TestPostgres.freshDatabase().connectionString
        let ta = try run(["token", "create", "--office", "410103001", "--store", store]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let tb = try run(["token", "create", "--office", "410103003", "--store", store]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let one = try ServerProcess(store: store), two = try ServerProcess(store: store)
        #expect(one.port != two.port)
        let a = dir.file("a.dsync"), b = dir.file("b.dsync")
        _ = try run(["init", "--office", "410103001", "--replica", a, "--server", one.url, "--token", ta])
        _ = try run(["init", "--office", "410103003", "--replica", b, "--server", two.url, "--token", tb])
        try ProcessRunner.sqlite3(a, "INSERT INTO project (project_no, name, total_invest) VALUES ('410103001-2024-0001', '兰盾电子产业园', 1500000000);")
        try ProcessRunner.sqlite3(b, "INSERT INTO lead (lead_no, title) VALUES ('410103003-2024-0001', '比亚迪体验中心');")
        for r in [a, b, a] {
            #expect(try run(["sync", "--replica", r]).stdout.contains("同步完成"))
        }
        func count(_ db: String, _ sql: String) throws -> String {
            try ProcessRunner.sqlite3(db, sql).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try count(b, "SELECT count(*) FROM project WHERE total_invest = 1500000000;") == "1", "b got a's project through the other instance")
        #expect(try count(a, "SELECT count(*) FROM lead;") == "1", "a got b's lead through the other instance")

        let copy = dir.file("copy.db")
        let c = try run(["store", "copy", store, copy])
        #expect(c.stdout.contains("校验和全部一致"), "\(c.stdout)")
        #expect(!c.stdout.contains("不一致"))
        #expect(try count(copy, "SELECT name FROM project;") == "兰盾电子产业园")
        let again = try ProcessRunner.run(dsync, ["store", "copy", store, copy])
        #expect(again.status == 1 && again.stderr.contains("已有数据"), "a second copy into the same file is refused: \(again.stderr)")
    }
}
