import DistrictTestSupport
import Foundation
import Testing

@Suite("dsync init and status")
struct InitAndStatusTests {
    let dsync = ProcessRunner.product("dsync")

    @Test("init creates the replica, a second init changes nothing, status lists shell edits per table")
    func initThenStatus() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("office.dsync")
        let first = try ProcessRunner.run(dsync, ["init", "--office", "410103001", "--replica", path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("已创建副本"))
        #expect(first.stdout.contains("淮河路街道办事处"))
        let site = first.stdout.split(separator: "\n").first { $0.hasPrefix("站点标识：") }
        let second = try ProcessRunner.run(dsync, ["init", "--office", "410103001", "--replica", path])
        #expect(second.status == 0)
        #expect(second.stdout.contains("副本已存在"))
        #expect(second.stdout.split(separator: "\n").first { $0.hasPrefix("站点标识：") } == site)

        let clean = try ProcessRunner.run(dsync, ["status", "--replica", path])
        #expect(clean.stdout.contains("待同步修改：无"))
        try ProcessRunner.sqlite3(path, """
            INSERT INTO project (project_no, name) VALUES ('410103001-2024-0001', '甲'), ('410103001-2024-0002', '乙');
            UPDATE project SET total_invest = 100 WHERE project_no = '410103001-2024-0001';
            INSERT INTO lead (lead_no, title) VALUES ('410103001-2024-0001', '线索');
            """)
        let status = try ProcessRunner.run(dsync, ["status"], environment: ["DSYNC_REPLICA": path])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("项目（project）：新增 2 行，修改 1 处，删除 0 行"))
        #expect(status.stdout.contains("（lead）：新增 1 行，修改 0 处，删除 0 行"))
        #expect(status.stdout.contains("合计 4 项"))
    }

    @Test("bad input to init: a clear Chinese error, exit status 1, nothing created",
          arguments: [
            (["--office", "999999999"], "不在单位名录中"),
            (["--office", "410103001", "--replica", "/nonexistent-dir/x/office.dsync"], "无法在"),
          ])
    func badInit(arguments: [String], message: String) throws {
        let dir = TemporaryDirectory()
        var args = ["init"] + arguments
        if !arguments.contains("--replica") { args += ["--replica", dir.file("office.dsync")] }
        let r = try ProcessRunner.run(dsync, args)
        #expect(r.status == 1)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test("init on a file of another kind refuses and leaves it untouched")
    func initOnForeignFile() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("项目清单.xlsx")
        let bytes = Data([0x50, 0x4b, 0x03, 0x04] + Array(repeating: 0, count: 100))
        try bytes.write(to: URL(fileURLWithPath: path))
        let r = try ProcessRunner.run(dsync, ["init", "--office", "410103001", "--replica", path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("不是 DistrictSync 副本"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test("status without a replica says how to make one")
    func statusWithoutReplica() throws {
        let dir = TemporaryDirectory()
        let r = try ProcessRunner.run(dsync, ["status", "--replica", dir.file("none.dsync")])
        #expect(r.status == 1)
        #expect(r.stderr.contains("dsync init"))
    }

    @Test("units lists the 16 township units of 二七区 and the 17 offices 金水区 runs")
    func unitsRegistry() throws {
        let erqi = try ProcessRunner.run(dsync, ["units", "--under", "410103"]).stdout.split(separator: "\n")
        #expect(erqi.filter { $0.contains("\t街道\t") || $0.contains("\t镇\t") }.count == 16)
        let jinshui = try ProcessRunner.run(dsync, ["units", "--under", "410105"]).stdout.split(separator: "\n")
        #expect(jinshui.filter { $0.contains("\t街道\t") }.count == 17)
    }
}
