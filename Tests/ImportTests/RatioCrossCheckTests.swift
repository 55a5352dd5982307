import DistrictTestSupport
import Import
import Replica
import Spreadsheet
import Testing

/// Typed ratios are checked against their parts on import (DOMAIN.md F9), never stored.
@Suite struct RatioCrossCheckTests {
    let columns = [
        ImportColumn(index: 0, label: "项目编号"), ImportColumn(index: 1, label: "年度计划投资（万元）"),
        ImportColumn(index: 2, label: "自年初累计完成投资（万元）"), ImportColumn(index: 3, label: "完成率（%）"),
    ]

    func problems(_ ratio: SheetCell, plan: SheetCell = .number("1215"), ytd: SheetCell = .number("742")) -> [ImportProblem] {
        RatioCrossCheck(columns: columns).check(SheetRow(number: 7, cells: [.text("410103001-2024-0001"), plan, ytd, ratio]), sheet: "进度")
    }

    @Test("61.2% typed for 742 ÷ 1215 (61.07%) is a warning naming the row, the column and both parts")
    func seedRatioIsFlagged() throws {
        let p = try #require(problems(.text("61.2%")).first)
        #expect(p.severity == .warning && p.code == "import.ratio_mismatch")
        #expect(p.row == 7 && p.columnLetters == "D" && p.sheet == "进度")
        #expect(p.reason.contains("742 ÷ 1215 = 61.07%") && p.reason.contains("相差 0.13 个百分点"), "\(p.reason)")
        #expect(problems(.number("61.2")).count == 1, "a number under a (%) header is in percent")
    }

    @Test("ratios within their own rounding pass: 61.1%, 61%, 61.07, the fraction 0.6107, a full-width ６１．１％")
    func roundingPasses() {
        for ok: SheetCell in [.text("61.1%"), .text("61%"), .number("61.07"), .number("0.6107"), .text("６１．１％"), .number("61.0699999999999")] {
            #expect(problems(ok).isEmpty, "\(ok)")
        }
    }

    @Test("missing parts, a zero plan or text that is no number are not checked; files without the three columns have no check")
    func nothingToCheck() {
        #expect(problems(.text("61.2%"), plan: .empty).isEmpty)
        #expect(problems(.text("61.2%"), plan: .number("0")).isEmpty)
        #expect(problems(.text("约六成")).isEmpty)
        #expect(RatioCrossCheck(columns: Array(columns.prefix(3))).isEmpty)
        #expect(!RatioCrossCheck(columns: columns).isEmpty)
    }

    @Test("an import of a progress form warns about the 61.2% row, stores the parts and never the typed ratio")
    func importWarns() throws {
        let dir = TemporaryDirectory("ratio")
        let replica = try Replica.create(at: dir.file("r.dsync"), office: "410103001")
        try replica.write { w in _ = try w.insert("project", ["project_no": .text("410103001-2024-0001"), "name": .text("兰盾电子产业园")]) }
        let source = ArrayRowSource(header: ["项目编号", "填报期", "年度计划投资（万元）", "自年初累计完成投资（万元）", "完成率（%）"],
                                    texts: [["410103001-2024-0001", "2024-06", "1215", "742", "61.2%"]])
        let report = try ImportSession(replica: replica, source: source, fileName: "进度.csv", sha256: "0", options: ImportOptions(table: "project_progress")).run()
        #expect(report.committed, "\(report.problems.kept.map(\.description))")
        let warning = try #require(report.problems.kept.first { $0.code == "import.ratio_mismatch" })
        #expect(warning.row == 2 && warning.columnLetters == "E" && warning.reason.contains("61.07%"))
        #expect(try replica.query("SELECT ytd_invest FROM project_progress").first?.first?.integer == 7_420_000)
    }
}
