import CentralStore
import DistrictTestSupport
import Foundation
import SQLiteDB
import Testing

/// The shipped binaries against each other over 127.0.0.1: `dsync serve`, `dsync sync`, `dsync token`.
@Suite("End to end over HTTP", .serialized)
struct EndToEndHTTPTests {
    let dsync = ProcessRunner.product("dsync")

    func token(_ office: String, _ store: String) throws -> String {
        let r = try ProcessRunner.run(dsync, ["token", "create", "--office", office, "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func initReplica(_ path: String, _ office: String, _ server: String, _ token: String) throws {
        let r = try ProcessRunner.run(dsync, ["init", "--office", office, "--replica", path, "--server", server, "--token", token])
        #expect(r.status == 0, "\(r.stderr)")
    }

    func count(_ db: String, _ sql: String) throws -> Int {
        Int(try ProcessRunner.sqlite3(db, sql).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test("two offices sync through dsync serve and converge; the cross-office edit is refused with a reason")
    func twoOffices() throws {
        let dir = TemporaryDirectory("e2e")
        let store = dir.file("central.db")
        let ta = try token("410103001", store), tb = try token("410103003", store)
        let server = try ServerProcess(store: store)
        let a = dir.file("a.dsync"), b = dir.file("b.dsync")
        try initReplica(a, "410103001", server.url, ta)
        try initReplica(b, "410103003", server.url, tb)
        try ProcessRunner.sqlite3(a, "INSERT INTO project (project_no, name, total_invest) VALUES ('410103001-2024-0001', '兰盾电子产业园', 1500000000);")
        try ProcessRunner.sqlite3(b, "INSERT INTO lead (lead_no, title) VALUES ('410103003-2024-0001', '比亚迪体验中心');")
        for r in [a, b, a] {
            let s = try ProcessRunner.run(dsync, ["sync", "--replica", r])
            #expect(s.status == 0, "\(s.stderr)")
            #expect(s.stdout.contains("同步完成"))
        }
        #expect(try count(b, "SELECT count(*) FROM project WHERE total_invest = 1500000000;") == 1)
        #expect(try count(a, "SELECT count(*) FROM lead;") == 1)
        try ProcessRunner.sqlite3(b, "UPDATE project SET name = '改别人的' WHERE project_no = '410103001-2024-0001';")
        let s = try ProcessRunner.run(dsync, ["sync", "--replica", b])
        #expect(s.stdout.contains("被服务器拒绝"))
        let c = try ProcessRunner.run(dsync, ["conflicts", "--replica", b])
        #expect(c.stdout.contains("【被拒绝】") && c.stdout.contains("410103001"))
        #expect(try count(store, "SELECT count(*) FROM project WHERE name = '兰盾电子产业园';") == 1)
    }

    @Test("no server, wrong token: a clear message, exit status 2 or 1, every local edit kept")
    func failuresKeepEdits() throws {
        let dir = TemporaryDirectory("e2e")
        let store = dir.file("central.db")
        let t = try token("410103001", store)
        let a = dir.file("a.dsync")
        try initReplica(a, "410103001", "http://127.0.0.1:9", t)  // nothing listens on port 9
        try ProcessRunner.sqlite3(a, "INSERT INTO project (project_no, name) VALUES ('p1', '甲');")
        let down = try ProcessRunner.run(dsync, ["sync", "--replica", a, "--retries", "2"])
        #expect(down.status == 2)
        #expect(down.stderr.contains("本地修改都已保留"))
        let server = try ServerProcess(store: store)
        let wrong = try ProcessRunner.run(dsync, ["sync", "--replica", a, "--server", server.url, "--token", "dst_wrong"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("令牌"))
        #expect(try count(a, "SELECT count(*) FROM _ds_log;") == 1)
        let ok = try ProcessRunner.run(dsync, ["sync", "--replica", a, "--server", server.url])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try count(store, "SELECT count(*) FROM project;") == 1)
    }

    @Test("kill -9 of the server in the middle of pushes, many rounds: every change arrives exactly once")
    func serverKilledMidPush() throws {
        let dir = TemporaryDirectory("e2e")
        let store = dir.file("central.db")
        let t = try token("410103001", store)
        let server = try ServerProcess(store: store)
        let a = dir.file("a.dsync")
        try initReplica(a, "410103001", server.url, t)
        try ProcessRunner.sqlite3(a, """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
            INSERT INTO project (project_no, name, total_invest) SELECT '410103001-2024-' || i, '项目' || i, i * 10000 FROM n;
            UPDATE project SET remark = '复核' WHERE project_no LIKE '%7';
            """)
        var finished = false
        for round in 0..<12 where !finished {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: dsync)
            p.arguments = ["sync", "--replica", a, "--retries", "1"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(UInt32(60_000 + (round * 37_000) % 250_000))
            if p.isRunning { server.killHard() }
            p.waitUntilExit()
            finished = p.terminationStatus == 0
            if server.port > 0 { try? server.start() }
        }
        let last = try ProcessRunner.run(dsync, ["sync", "--replica", a])
        #expect(last.status == 0, "\(last.stderr)")
        #expect(try count(store, "SELECT count(*) FROM project;") == 20000)
        #expect(try count(store, "SELECT count(*) FROM feed WHERE unit = '*';") == 20000)
        #expect(try count(store, "SELECT count(*) FROM feed WHERE unit = 'remark';") == 2000)
        #expect(try count(store, "SELECT count(*) FROM (SELECT row_id, unit, hlc FROM feed GROUP BY row_id, unit, hlc HAVING count(*) > 1);") == 0)
        #expect(try count(a, "SELECT count(*) FROM _ds_inflight;") == 0)
    }

    @Test("kill -9 of the client in the middle of pulls, many rounds: the replica ends complete and nothing is applied twice")
    func clientKilledMidPull() throws {
        let dir = TemporaryDirectory("e2e")
        let store = dir.file("central.db")
        let server = try ServerProcess(store: store)
        let a = dir.file("a.dsync"), b = dir.file("b.dsync")
        try initReplica(a, "410103001", server.url, try token("410103001", store))
        try initReplica(b, "410103003", server.url, try token("410103003", store))
        try ProcessRunner.sqlite3(a, """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
            INSERT INTO project (project_no, name) SELECT '410103001-2024-' || i, '项目' || i FROM n;
            """)
        #expect(try ProcessRunner.run(dsync, ["sync", "--replica", a]).status == 0)
        var cursors: [Int] = []
        for round in 0..<10 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: dsync)
            p.arguments = ["sync", "--replica", b]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(UInt32(40_000 + (round * 53_000) % 300_000))
            if p.isRunning { kill(p.processIdentifier, SIGKILL) }
            p.waitUntilExit()
            let cursor = try count(b, "SELECT value FROM _ds_meta WHERE key = 'pull_cursor';")
            let rows = try count(b, "SELECT count(*) FROM project;")
            // Whatever moment the kill hit, rows and cursor moved together.
            #expect(rows == cursor, "round \(round): \(rows) rows with cursor \(cursor)")
            cursors.append(cursor)
        }
        #expect(try ProcessRunner.run(dsync, ["sync", "--replica", b]).status == 0)
        #expect(try count(b, "SELECT count(*) FROM project;") == 20000)
        #expect(cursors == cursors.sorted())
    }
}
