import DistrictTestSupport
import Foundation
import Testing

/// kill -9 of a long `dsync import` or `dsync export` halfway: the replica is as it was, and an earlier
/// export at the same path is still the complete earlier file.
@Suite("Killed commands", .serialized)
struct KilledCommandTests {
    let dsync = ProcessRunner.product("dsync")

    /// Starts `dsync arguments`, waits until `ready()` holds (the command is well under way), then kills it
    /// with SIGKILL. Returns whether it was killed (false: it finished first).
    func killMidway(_ arguments: [String], when ready: () -> Bool) throws -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: dsync)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(120)
        while p.isRunning && !ready() && Date() < deadline { usleep(2_000) }
        let killed = p.isRunning
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        return killed && p.terminationReason == .uncaughtSignal
    }

    func size(_ path: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0 }

    @Test("kill -9 in the middle of a 60,000-row import: the replica's data and change log are unchanged; the import then runs whole")
    func killedImport() throws {
        let dir = TemporaryDirectory("killed-import")
        let replica = dir.file("office.dsync")
        #expect(try ProcessRunner.run(dsync, ["init", "--office", "410103001", "--replica", replica]).status == 0)
        try ProcessRunner.sqlite3(replica, "INSERT INTO project (project_no, name) VALUES ('410103001-2023-0001', '已有项目');")
        let csv = dir.file("项目.csv")
        var text = "项目编号,项目名称,四库库别,总投资（万元）\n"
        for i in 0..<60_000 { text += "410103001-2024-\(String(format: "%05d", i)),郑州兰盾电子科技产业园二期第\(i)号,谋划库,\(1000 + i)\n" }
        try text.write(toFile: csv, atomically: true, encoding: .utf8)
        let before = try ProcessRunner.sqlite3(replica, ".dump").stdout

        // Killed once the transaction has spilled well into the WAL.
        let killed = try killMidway(["import", csv, "--replica", replica]) { size(replica + "-wal") > 4 << 20 }
        #expect(killed, "the import was still running when killed")
        #expect(try ProcessRunner.sqlite3(replica, "PRAGMA integrity_check;").stdout == "ok\n")
        #expect(try ProcessRunner.sqlite3(replica, ".dump").stdout == before, "nothing of the killed import is visible")

        let again = try ProcessRunner.run(dsync, ["import", csv, "--replica", replica])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try ProcessRunner.sqlite3(replica, "SELECT count(*) FROM project;").stdout == "60001\n")
    }

    @Test("kill -9 while an export writes over last month's file: the earlier file is still there, whole")
    func killedExport() throws {
        let dir = TemporaryDirectory("killed-export")
        let replica = dir.file("office.dsync")
        #expect(try ProcessRunner.run(dsync, ["init", "--office", "410103001", "--replica", replica]).status == 0)
        let target = dir.file("项目.csv")
        // Last month's export: a small table.
        try ProcessRunner.sqlite3(replica, "INSERT INTO project (project_no, name) VALUES ('410103001-2023-0001', '上月项目');")
        #expect(try ProcessRunner.run(dsync, ["export-csv", "project", "--replica", replica, "-o", target]).status == 0)
        let earlier = try Data(contentsOf: URL(fileURLWithPath: target))
        // This month: many more rows, so the export is under way long enough to be killed.
        try ProcessRunner.sqlite3(replica, """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)
            INSERT INTO project (project_no, name, remark) SELECT printf('410103001-2024-%06d', i), '郑州兰盾电子科技产业园二期第' || i || '号',
              '完成项目谋划，正在开展前期研究，已对接省发改委和市自然资源局，拟于下季度开工' FROM n;
            """)
        let killed = try killMidway(["export-csv", "project", "--replica", replica, "-o", target]) {
            ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).contains { $0.hasSuffix(".part") && size(dir.file($0)) > 1 << 20 }
        }
        #expect(killed, "the export was still running when killed")
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == earlier, "the earlier export is untouched")
    }
}
