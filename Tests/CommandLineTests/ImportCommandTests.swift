import DistrictTestSupport
import Foundation
import Testing

@Suite("dsync import and dsync provenance")
struct ImportCommandTests {
    let dsync = ProcessRunner.product("dsync")

    func write(_ path: String, _ text: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test("a bad file changes nothing (sqlite3 .dump identical); a good one imports; re-import is a no-op; provenance answers")
    func importLifecycle() throws {
        let dir = TemporaryDirectory()
        let replica = dir.file("office.dsync")
        #expect(try ProcessRunner.run(dsync, ["init", "--office", "410103001", "--replica", replica]).status == 0)
        let good = dir.file("项目.csv")
        try write(good, """
            二七区重点项目表
            单位：万元
            项目编号,项目名称,四库库别,总投资,开工日期
            410103001-2024-0001,郑州兰盾电子科技产业园,谋划库,150000,2023年6月30日
            410103001-2024-0002,二七区全民健身运动中心,签约,5.2亿,2024.5.31

            """)
        let bad = dir.file("坏.csv")
        try write(bad, "项目编号,项目名称,总投资（万元）\n410103001-2024-0003,甲,约5亿元\n410103001-2024-0004,乙,100\n")
        let before = try ProcessRunner.sqlite3(replica, ".dump").stdout

        let failed = try ProcessRunner.run(dsync, ["import", bad, "--replica", replica])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("错误：第 2 行 C 列「总投资（万元）」值“约5亿元”："), "\(failed.stderr)")
        #expect(failed.stdout.contains("导入失败，副本未做任何修改"))
        #expect(try ProcessRunner.sqlite3(replica, ".dump").stdout == before)

        let dry = try ProcessRunner.run(dsync, ["import", good, "--dry-run", "--replica", replica])
        #expect(dry.status == 0 && dry.stdout.contains("试导入（未写入）项目（project）：读取 2 行：新增 2"), "\(dry.stdout)\(dry.stderr)")
        #expect(try ProcessRunner.sqlite3(replica, ".dump").stdout == before)

        let ok = try ProcessRunner.run(dsync, ["import", good, "--replica", replica])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("已导入 项目（project）：读取 2 行：新增 2，更新 0，无变化 0，有误 0"))
        #expect(!ok.stderr.contains("\r"), "no progress bar in a pipe")
        let values = try ProcessRunner.sqlite3(replica, "SELECT project_no, total_invest, pool, actual_start FROM project ORDER BY 1;").stdout
        #expect(values == "410103001-2024-0001|1500000000|谋划库|2023-06-30\n410103001-2024-0002|520000000|签约库|2024-05-31\n")
        let log = try ProcessRunner.sqlite3(replica, "SELECT count(*) FROM _ds_log;").stdout
        let again = try ProcessRunner.run(dsync, ["import", good, "--replica", replica])
        #expect(again.stdout.contains("新增 0，更新 0，无变化 2"))
        #expect(try ProcessRunner.sqlite3(replica, "SELECT count(*) FROM _ds_log;").stdout == log)

        let origin = try ProcessRunner.run(dsync, ["provenance", "project", "410103001-2024-0002", "--replica", replica])
        #expect(origin.status == 0, "\(origin.stderr)")
        #expect(origin.stdout.contains("总投资 = 520000000：导入 1"), "\(origin.stdout)")
        #expect(origin.stdout.contains("文件「项目.csv」第 5 行"))
        let list = try ProcessRunner.run(dsync, ["provenance", "--imports", "--replica", replica])
        #expect(list.stdout.split(separator: "\n").count == 2)
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures").path

    @Test("an xlsx with a title, a 填报单位 line and merged two-row headers imports by sheet name; a legacy .xls is refused and changes nothing")
    func importXlsx() throws {
        let dir = TemporaryDirectory()
        let replica = dir.file("office.dsync")
        #expect(try ProcessRunner.run(dsync, ["init", "--office", "410103001", "--replica", replica]).status == 0)
        let legacy = dir.file("老表格.xls")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)).write(to: URL(fileURLWithPath: legacy))
        let before = try ProcessRunner.sqlite3(replica, ".dump").stdout
        let refused = try ProcessRunner.run(dsync, ["import", legacy, "--replica", replica])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("老表格.xls") && refused.stderr.contains(".xlsx"), "\(refused.stderr)")
        #expect(try ProcessRunner.sqlite3(replica, ".dump").stdout == before)

        let file = Self.fixtures + "/import/project.wan.xlsx"
        let ok = try ProcessRunner.run(dsync, ["import", file, "--sheet", "项目清单", "--replica", replica])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("已导入 项目（project）：读取 4 行：新增 4"), "\(ok.stdout)")
        let rows = try ProcessRunner.sqlite3(replica, "SELECT project_no, total_invest, actual_start FROM project ORDER BY 1;").stdout
        #expect(rows == """
            410103001-2023-0001|36980000000|2023-06-30
            410103001-2023-0002|19440000000|2023-07-01
            410103001-2023-0003|4390000000|2023-08-15
            410103001-2023-0004|1010000000|2023-09-01

            """)
        let origin = try ProcessRunner.run(dsync, ["provenance", "project", "410103001-2023-0003", "--replica", replica])
        #expect(origin.stdout.contains("工作表「项目清单」第 7 行"), "\(origin.stdout)")
    }

    @Test("--skip-invalid imports the valid rows and writes the error workbook next to the file")
    func skipInvalid() throws {
        let dir = TemporaryDirectory()
        let replica = dir.file("office.dsync")
        #expect(try ProcessRunner.run(dsync, ["init", "--office", "410103001", "--replica", replica]).status == 0)
        let file = dir.file("企业.csv")
        try write(file, "统一社会信用代码,企业名称,注册资本（万元）\n91410103MA9G5XK10C,郑州示例电子科技有限公司,5000\n9.14101E+17,郑州示例商贸有限公司,300\n")
        let r = try ProcessRunner.run(dsync, ["import", file, "--skip-invalid", "--replica", replica])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("新增 1") && r.stdout.contains("有误 1"))
        #expect(FileManager.default.fileExists(atPath: dir.file("企业-导入错误.xlsx")))
        #expect(try ProcessRunner.sqlite3(replica, "SELECT count(*) FROM enterprise;").stdout == "1\n")
    }

    @Test("an official form with a 栏次 row (甲 乙 1 2) under the header imports its data rows only; inspect names the row")
    func numberingRowForm() throws {
        let dir = TemporaryDirectory()
        let replica = dir.file("office.dsync")
        #expect(try ProcessRunner.run(dsync, ["init", "--office", "410103001", "--replica", replica]).status == 0)
        let form = dir.file("报表.csv")
        try write(form, """
            项目编号,项目名称,总投资（万元）,年度计划投资（万元）
            甲,乙,1,2
            410103001-2024-0001,郑州兰盾电子科技产业园,150000,30000
            410103001-2024-0002,二七区全民健身运动中心,52000,8000

            """)
        let r = try ProcessRunner.run(dsync, ["import", form, "--replica", replica])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try ProcessRunner.sqlite3(replica, "SELECT project_no, total_invest FROM project ORDER BY project_no;").stdout
                == "410103001-2024-0001|1500000000\n410103001-2024-0002|520000000\n")
        let inspect = try ProcessRunner.run(dsync, ["inspect", form])
        #expect(inspect.stdout.contains("数据从第 3 行开始（第 2 行是栏次，已跳过）"), "\(inspect.stdout)")
    }
}
