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

        // City-wide reports straight from PostgreSQL: the same cells as from the verified SQLite copy,
        // except the data-state line, which names the PostgreSQL store (never its password).
        let fromPG = dir.file("pg-R1.xlsx"), fromCopy = dir.file("copy-R1.xlsx")
        _ = try run(["export", "R1", "--period", "2024-06", "--store", store, "-o", fromPG, "--created-at", "0"])
        _ = try run(["export", "R1", "--period", "2024-06", "--store", copy, "-o", fromCopy, "--created-at", "0"])
        let diff = try ProcessRunner.run("/usr/bin/python3", ["-c", Self.cellDiff, fromPG, fromCopy])
        #expect(diff.status == 0, "\(diff.stderr)")
        let lines = diff.stdout.split(separator: "\n").map(String.init)
        let sides = lines.first?.components(separatedBy: " | ") ?? []
        #expect(lines.count == 1 && sides.count == 2, "only the data-state line differs: \(diff.stdout)")
        #expect(sides.first?.contains("数据来源：中心库 postgres://postgres@127.0.0.1:") == true && sides.last?.contains("数据来源：中心库 copy.db") == true,
                "\(diff.stdout)")
        #expect(try ProcessRunner.run("/usr/bin/python3", ["-c", Self.cellDiff, fromPG, fromPG]).stdout.isEmpty)
        #expect(try ProcessRunner.run("/usr/bin/python3", ["-c", "import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1]).active; print(sum(1 for r in ws.iter_rows(values_only=True) if '兰盾电子产业园' in r))", fromPG]).stdout
                    .trimmingCharacters(in: .whitespacesAndNewlines) == "1", "the project synced through PostgreSQL is listed")
        let csv = dir.file("pg-projects.csv")
        _ = try run(["export-csv", "project", "--store", store, "-o", csv])
        #expect(try String(contentsOfFile: csv, encoding: .utf8).contains("兰盾电子产业园"))
        // The status page's report link on a server over PostgreSQL.
        let http = try ProcessRunner.run("/usr/bin/curl", ["-s", "-o", dir.file("http-R1.xlsx"), "-w", "%{http_code}", one.url + "/reports/R1?period=2024-06"])
        #expect(http.stdout == "200", "\(http.stdout) \(http.stderr)")
        let served = try ProcessRunner.run("/usr/bin/python3", ["-c", Self.cellDiff, dir.file("http-R1.xlsx"), fromPG])
        #expect(served.status == 0 && served.stdout.isEmpty, "the served report has the same cells: \(served.stdout) \(served.stderr)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("dsync-report-snapshot-") }
        #expect(leftovers.isEmpty, "snapshots are removed after each report: \(leftovers)")
    }

    /// Prints `sheet!cell: a | b` for every cell whose value differs between two workbooks (openpyxl).
    static let cellDiff = """
        import openpyxl, sys
        a, b = openpyxl.load_workbook(sys.argv[1]), openpyxl.load_workbook(sys.argv[2])
        assert a.sheetnames == b.sheetnames, (a.sheetnames, b.sheetnames)
        for name in a.sheetnames:
            x, y = a[name], b[name]
            for r in range(1, max(x.max_row, y.max_row) + 1):
                for c in range(1, max(x.max_column, y.max_column) + 1):
                    u, v = x.cell(r, c).value, y.cell(r, c).value
                    if u != v:
                        print(f"{name}!{x.cell(r, c).coordinate}: {u} | {v}")
        """
}
