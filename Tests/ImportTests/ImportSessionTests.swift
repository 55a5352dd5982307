import DistrictTestSupport
import Domain
import Foundation
import Replica
import SQLiteDB
import Spreadsheet
import Testing
@testable import Import

@Suite("Import into a real replica: upsert, all-or-nothing, skip-invalid, provenance")
struct ImportSessionTests {
    let header = ["项目编号", "项目名称", "四库库别", "总投资（万元）", "实际开工时间", "属地单位"]
    let good = [
        ["410103001-2024-0001", "郑州兰盾电子科技产业园", "谋划库", "150000", "2023年6月30日", "淮河路"],
        ["410103001-2024-0002", "二七区全民健身运动中心", "签约库", "5.2亿", "2024.5.31", "淮河路街道"],
        ["410103001-2024-0003", "比亚迪品牌形象河南体验中心", "落地库", "43,900", "", "铭功路"],
    ]

    func replica(_ dir: TemporaryDirectory) throws -> Replica {
        try Replica.create(at: dir.file("r.dsync"), office: "410103001")
    }

    func run(_ r: Replica, _ rows: [[String]], options: ImportOptions = ImportOptions(), name: String = "项目.csv") throws -> ImportReport {
        let source = ArrayRowSource(sheetName: "项目", header: header, texts: rows)
        return try ImportSession(replica: r, source: source, fileName: name, sha256: "abc123", options: options).run()
    }

    func dump(_ path: String) throws -> String {
        try ProcessRunner.sqlite3(path, ".dump").stdout
    }

    @Test("rows are inserted with exact values; re-importing records zero changes")
    func insertThenReimport() throws {
        let dir = TemporaryDirectory()
        let r = try replica(dir)
        let first = try run(r, good)
        #expect(first.committed)
        #expect(first.counts.inserted == 3)
        let rows = try r.query("SELECT project_no, total_invest, actual_start, pool FROM project ORDER BY project_no")
        #expect(rows.map { $0[1] } == [.integer(1_500_000_000), .integer(520_000_000), .integer(439_000_000)])
        #expect(rows.map { $0[2] } == [.text("2023-06-30"), .text("2024-05-31"), .null])
        let logBefore = try r.query("SELECT count(*) FROM _ds_log")[0][0]
        let historyBefore = try r.query("SELECT count(*) FROM _ds_history")[0][0]
        let again = try run(r, good)
        #expect(again.committed)
        #expect(again.counts.unchanged == 3 && again.counts.inserted == 0 && again.counts.updated == 0)
        #expect(try r.query("SELECT count(*) FROM _ds_log")[0][0] == logBefore)
        #expect(try r.query("SELECT count(*) FROM _ds_history")[0][0] == historyBefore)
    }

    @Test("an update changes only the cells that differ, and provenance names file and row")
    func updateAndProvenance() throws {
        let dir = TemporaryDirectory()
        let r = try replica(dir)
        _ = try run(r, good, name: "一月.csv")
        var changed = good
        changed[1][3] = "6亿"
        let report = try run(r, changed, name: "二月.csv")
        #expect(report.counts.updated == 1 && report.counts.unchanged == 2)
        let units = try r.query("SELECT unit FROM _ds_log WHERE unit <> '*'").map { $0[0] }
        #expect(units == [.text("total_invest")])
        let id = try #require(try r.query("SELECT id FROM project WHERE project_no = '410103001-2024-0002'")[0][0].text)
        let origins = try r.valueOrigins(table: "project", rowID: id)
        let invest = try #require(origins.first { $0.unit == "total_invest" })
        guard case .imported(let record, let row) = invest.source else { Issue.record("\(invest.source)"); return }
        #expect(record.fileName == "二月.csv" && record.sheet == "项目" && row == 3)
        let name = try #require(origins.first { $0.unit == "name" })
        guard case .imported(let first, let firstRow) = name.source else { Issue.record("\(name.source)"); return }
        #expect(first.fileName == "一月.csv" && firstRow == 3)
    }

    @Test("any error writes nothing: data and change log byte for byte unchanged; every problem located")
    func allOrNothing() throws {
        let dir = TemporaryDirectory()
        let r = try replica(dir)
        _ = try run(r, Array(good.prefix(1)))
        let before = try dump(r.path)
        var bad = good
        bad[1][3] = "约5亿元"
        bad[2][4] = "2023/2/29"
        bad.append(["410103001-2024-0001", "重复的项目", "谋划库", "1", "", ""])
        let report = try run(r, bad)
        #expect(!report.committed)
        #expect(report.problems.errorCount == 3)
        let texts = report.problems.errors.map(\.description)
        #expect(texts.contains { $0.hasPrefix("错误：工作表「项目」第 3 行 D 列「总投资（万元）」值“约5亿元”：") })
        #expect(texts.contains { $0.contains("第 4 行 E 列「实际开工时间」值“2023/2/29”：日期不存在") })
        #expect(texts.contains { $0.contains("第 5 行") && $0.contains("与第 2 行重复") })
        #expect(try dump(r.path) == before)
    }

    @Test("duplicate natural keys within one file name both rows")
    func duplicateKeys() throws {
        let dir = TemporaryDirectory()
        let r = try replica(dir)
        let report = try run(r, [good[0], good[1], good[0]])
        #expect(!report.committed)
        #expect(report.problems.errors.map(\.reason) == ["项目编号“410103001-2024-0001”与第 2 行重复；同一文件中每条记录只能出现一次"])
        #expect(try r.query("SELECT count(*) FROM project")[0][0] == .integer(0))
    }

    @Test("dry run reports counts and writes nothing")
    func dryRun() throws {
        let dir = TemporaryDirectory()
        let r = try replica(dir)
        let before = try dump(r.path)
        let report = try run(r, good, options: ImportOptions(dryRun: true))
        #expect(report.counts.inserted == 3 && !report.committed)
        #expect(try dump(r.path) == before)
    }

    @Test("a missing required column is a clear error naming it")
    func missingColumn() throws {
        let dir = TemporaryDirectory()
        let r = try replica(dir)
        let source = ArrayRowSource(header: ["项目编号", "总投资"], texts: [["410103001-2024-0001", "1"]])
        let report = try ImportSession(replica: r, source: source, fileName: "x.csv", sha256: "", options: ImportOptions(table: "project")).run()
        #expect(report.problems.errors.map(\.reason).first?.hasPrefix("缺少必填列“项目名称”（name）") == true)
    }

    @Test("skip-invalid writes valid rows and an error workbook that openpyxl reads back")
    func skipInvalid() throws {
        let dir = TemporaryDirectory()
        let r = try replica(dir)
        var rows = good
        rows[1][3] = "约5亿元"
        rows[2][5] = "火星街道"
        let report = try run(r, rows, options: ImportOptions(skipInvalid: true))
        #expect(report.committed)
        #expect(report.counts.inserted == 1 && report.counts.rejected == 2)
        let path = ErrorWorkbook.path(besides: dir.file("项目.csv"))
        #expect(path == dir.file("项目-导入错误.xlsx"))
        try ErrorWorkbook.write(report, to: path)
        let script = """
            import openpyxl, sys
            ws = openpyxl.load_workbook(sys.argv[1]).active
            for row in ws.iter_rows():
                print("|".join("" if c.value is None else str(c.value) for c in row))
            print("fill", ws["D2"].fill.fgColor.rgb, ws["C2"].fill.fgColor.rgb, ws["F3"].fill.fgColor.rgb)
            """
        let out = try ProcessRunner.run("/usr/bin/python3", ["-c", script, path])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "项目编号|项目名称|四库库别|总投资（万元）|实际开工时间|属地单位|错误原因")
        #expect(lines[1].hasPrefix("410103001-2024-0002|二七区全民健身运动中心|签约库|约5亿元|2024.5.31|淮河路街道|第 3 行：D列（总投资（万元））：金额“约”表示约数"))
        #expect(lines[2].hasPrefix("410103001-2024-0003|比亚迪品牌形象河南体验中心|落地库|43,900||火星街道|第 4 行：F列（属地单位）：单位名录中没有“火星街道”"))
        #expect(lines[3] == "fill FFFFC7CE 00000000 FFFFC7CE")
    }
}
