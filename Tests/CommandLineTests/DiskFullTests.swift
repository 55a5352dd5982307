import DistrictTestSupport
import Foundation
import Testing

/// A real full disk (a small tmpfs, `SmallDisk`) under the replica, the server's store and the export
/// target: each fails with a clear message, keeps everything already stored, and works once there is room.
@Suite("Full disk", .serialized)
struct DiskFullTests {
    let dsync = ProcessRunner.product("dsync")

    /// A new token for `office` on `store` (made inside `disk`'s namespace when the store lives there).
    func token(_ office: String, _ store: String, on disk: SmallDisk? = nil) throws -> String {
        let arguments = ["token", "create", "--office", office, "--store", store]
        let r = try disk.map { try $0.run(dsync, arguments) } ?? ProcessRunner.run(dsync, arguments)
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `rows` projects as a CSV a clerk would import (long names, so the rows take real space).
    static func projectsCSV(_ path: String, rows: Int) throws {
        var text = "项目编号,项目名称,四库库别,总投资（万元）\n"
        for i in 0..<rows {
            text += "410103001-2024-\(String(format: "%05d", i)),郑州兰盾电子科技产业园二期标准化厂房及配套研发中心建设项目第\(i)号,谋划库,\(1000 + i)\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test("an import that runs out of disk fails with a clear message, leaves the replica as it was, and succeeds once there is room")
    func importOnFullDisk() throws {
        let disk = try SmallDisk(kilobytes: 32 * 1024)
        let dir = TemporaryDirectory("full-import")
        let csv = dir.file("项目.csv")
        try Self.projectsCSV(csv, rows: 5_000)
        let replica = disk.file("office.dsync")
        #expect(try disk.run(dsync, ["init", "--office", "410103001", "--replica", replica]).status == 0)
        let before = try disk.run("/usr/bin/sqlite3", [replica, ".dump"]).stdout
        #expect(before.contains("CREATE TABLE"))

        try disk.fill(leaving: 256 * 1024)
        let failed = try disk.run(dsync, ["import", csv, "--replica", replica])
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("磁盘已满"), "\(failed.stderr)")
        #expect(try disk.run("/usr/bin/sqlite3", [replica, ".dump"]).stdout == before, "nothing of the failed import is stored")

        try disk.free()
        let ok = try disk.run(dsync, ["import", csv, "--replica", replica])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try disk.run("/usr/bin/sqlite3", [replica, "SELECT count(*) FROM project; PRAGMA integrity_check;"]).stdout == "5000\nok\n")
    }

    @Test("a server whose disk is full refuses the push with 507; the office keeps every edit and syncs once space is freed")
    func serverOnFullDisk() throws {
        let disk = try SmallDisk(kilobytes: 32 * 1024)
        let dir = TemporaryDirectory("full-server")
        let store = disk.file("central.db")
        let token = try self.token("410103001", store, on: disk)
        #expect(!token.isEmpty)
        let server = try ServerProcess(store: store, launcher: disk.launcher)
        let replica = dir.file("office.dsync")
        #expect(try ProcessRunner.run(dsync, ["init", "--office", "410103001", "--replica", replica, "--server", server.url, "--token", token]).status == 0)
        let csv = dir.file("项目.csv")
        try Self.projectsCSV(csv, rows: 3_000)
        #expect(try ProcessRunner.run(dsync, ["import", csv, "--replica", replica]).status == 0)

        try disk.fill(leaving: 128 * 1024)
        let failed = try ProcessRunner.run(dsync, ["sync", "--replica", replica])
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("磁盘已满"), "\(failed.stderr)")
        #expect(try disk.run("/usr/bin/sqlite3", [store, "SELECT count(*) FROM project; PRAGMA integrity_check;"]).stdout == "0\nok\n",
                "the refused push stored nothing")

        try disk.free()
        let ok = try ProcessRunner.run(dsync, ["sync", "--replica", replica])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try disk.run("/usr/bin/sqlite3", [store, "SELECT count(*) FROM project; PRAGMA integrity_check;"]).stdout == "3000\nok\n",
                "every edit arrived after the disk had room")
        #expect(try ProcessRunner.sqlite3(replica, "SELECT count(*) FROM project;").stdout == "3000\n")
    }

    @Test("xlsx and CSV exports to a full disk fail clearly and leave no file behind")
    func exportsOnFullDisk() throws {
        let disk = try SmallDisk(kilobytes: 8 * 1024)
        let dir = TemporaryDirectory("full-export")
        let replica = dir.file("office.dsync")
        #expect(try ProcessRunner.run(dsync, ["init", "--office", "410103001", "--replica", replica]).status == 0)
        let csv = dir.file("项目.csv")
        try Self.projectsCSV(csv, rows: 2_000)
        #expect(try ProcessRunner.run(dsync, ["import", csv, "--replica", replica]).status == 0)

        try disk.fill(leaving: 0)
        let xlsx = try disk.run(dsync, ["export", "R1", "--period", "2024-06", "--replica", replica, "-o", disk.file("R1.xlsx")])
        #expect(xlsx.status != 0)
        #expect(xlsx.stderr.contains("未生成文件"), "\(xlsx.stderr)")
        let table = try disk.run(dsync, ["export-csv", "project", "--replica", replica, "-o", disk.file("project.csv")])
        #expect(table.status != 0)
        #expect(table.stderr.contains("磁盘已满") && table.stderr.contains("未生成文件"), "\(table.stderr)")
        #expect(try disk.listing().isEmpty, "no partial files are left")

        try disk.free()
        #expect(try disk.run(dsync, ["export", "R1", "--period", "2024-06", "--replica", replica, "-o", disk.file("R1.xlsx")]).status == 0)
        #expect(try disk.run(dsync, ["export-csv", "project", "--replica", replica, "-o", disk.file("project.csv")]).status == 0)
        #expect(try disk.listing() == ["R1.xlsx", "project.csv"])
    }

    @Test("an office laptop with a full disk: the pull fails clearly, keeps its cursor and what it had, and completes once there is room")
    func pullOntoFullDisk() throws {
        let disk = try SmallDisk(kilobytes: 32 * 1024)
        let dir = TemporaryDirectory("full-pull")
        let store = dir.file("central.db")
        let tokenA = try token("410103001", store), tokenB = try token("410103003", store)
        let server = try ServerProcess(store: store)
        // Office A pushes 3,000 projects from a normal disk.
        let a = dir.file("a.dsync")
        #expect(try ProcessRunner.run(dsync, ["init", "--office", "410103001", "--replica", a, "--server", server.url, "--token", tokenA]).status == 0)
        let csv = dir.file("项目.csv")
        try Self.projectsCSV(csv, rows: 3_000)
        #expect(try ProcessRunner.run(dsync, ["import", csv, "--replica", a]).status == 0)
        #expect(try ProcessRunner.run(dsync, ["sync", "--replica", a]).status == 0)

        // Office B's replica lives on the small disk, which is full when it pulls.
        let b = disk.file("b.dsync")
        #expect(try disk.run(dsync, ["init", "--office", "410103003", "--replica", b, "--server", server.url, "--token", tokenB]).status == 0)
        try disk.run("/usr/bin/sqlite3", [b, "INSERT INTO lead (lead_no, title) VALUES ('410103003-2024-0001', '比亚迪体验中心');"])
        let before = try disk.run("/usr/bin/sqlite3", [b, "SELECT count(*) FROM project; SELECT count(*) FROM lead;"]).stdout
        try disk.fill(leaving: 64 * 1024)
        let failed = try disk.run(dsync, ["sync", "--replica", b])
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("磁盘已满"), "\(failed.stderr)")
        #expect(try disk.run("/usr/bin/sqlite3", [b, "PRAGMA integrity_check;"]).stdout == "ok\n")
        #expect(try disk.run("/usr/bin/sqlite3", [b, "SELECT count(*) FROM project; SELECT count(*) FROM lead;"]).stdout == before,
                "no half page applied, the local lead kept")

        try disk.free()
        let ok = try disk.run(dsync, ["sync", "--replica", b])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try disk.run("/usr/bin/sqlite3", [b, "SELECT count(*) FROM project; SELECT count(*) FROM lead; PRAGMA integrity_check;"]).stdout
                == "3000\n1\nok\n")
        #expect(try ProcessRunner.sqlite3(store, "SELECT count(*) FROM lead;").stdout == "1\n", "the local lead reached the server")
    }
}
