import DistrictTestSupport
import Foundation
import Replica
import Reports
import Testing

/// Empty periods, a single project, 10,000 projects, 200-character names and units without data all
/// produce files openpyxl opens.
@Suite struct ReportEdgeCaseTests {
    static func exportAll(_ replica: String, dir: TemporaryDirectory, period: String = "2023-06") throws -> [String: XlsxProbe] {
        let source = try ReportSource(path: replica)
        let context = try ReportContext(source: source, period: try #require(ReportPeriod(period)))
        var out: [String: XlsxProbe] = [:]
        for t in ReportCatalog.all {
            let path = dir.file("\(t.code).xlsx")
            try ReportExporter.export(t, context: context, to: path)
            out[t.code] = try XlsxProbe(path)
        }
        return out
    }

    @Test func emptyReplicaGivesValidReportsWithZeroTotals() throws {
        let dir = TemporaryDirectory("edge")
        _ = try Replica.create(at: dir.file("empty.dsync"), office: "410103001")
        let all = try Self.exportAll(dir.file("empty.dsync"), dir: dir, period: "2024-01")
        #expect(all.count == 6)
        #expect(all["R1"]?["重点项目进展"]?.cells["A5"]?.text == "合计（0个）")
        #expect(all["R1"]?["重点项目进展"]?.cells["A1"]?.text == "二七区2024年重点项目建设进展情况表（1月）")
        #expect(all["R2"]?["四库汇总"]?.cells["C5"]?.number == 0)
        #expect(all["R2"]?["四库汇总"]?.cells["E5"] == nil)  // 0 ÷ 0: no percentage
        #expect(all["R3"]?["签约项目台账"]?.cells["A5"]?.text == "合计（0个）")
        #expect(all["R6"]?["红黄蓝绿督查"]?.cells.values.contains { $0.text?.contains("共 0 个项目") ?? false } == true)
        // Units with no data are still ranked, with zero scores.
        let ranking = try #require(all["R5"]?["单位排名"])
        #expect(ranking.cells["B5"]?.text == "淮河路街道办事处")
        #expect(ranking.cells["I5"]?.number == 0)
    }

    @Test func singleProjectWithLongName() throws {
        let dir = TemporaryDirectory("edge")
        try ReportFixtures.build(at: dir.file("one.dsync"), projects: 1, nameLength: 200)
        let all = try Self.exportAll(dir.file("one.dsync"), dir: dir)
        let r1 = try #require(all["R1"]?["重点项目进展"])
        #expect(r1.cells["A5"]?.text == "合计（1个）")
        #expect(r1.cells["B7"]?.text?.count == 200)
        #expect(r1.cells["L5"]?.number == 1_030_000)
    }

    @Test func tenThousandProjects() throws {
        let dir = TemporaryDirectory("edge")
        try ReportFixtures.build(at: dir.file("big.dsync"), projects: 10_000)
        let source = try ReportSource(path: dir.file("big.dsync"))
        let context = try ReportContext(source: source, period: try #require(ReportPeriod("2023-06")))
        for code in ["R1", "R2"] {
            let path = dir.file("\(code).xlsx")
            try ReportExporter.export(try #require(ReportCatalog.template(code)), context: context, to: path)
            let x = try XlsxProbe(path)
            if code == "R1" {
                let s = try #require(x["重点项目进展"])
                #expect(s.cells["A5"]?.text == "合计（10000个）")
                #expect(s.cells["L5"]?.number == 1_030_000)
                #expect(s.maxRow > 10_004)
            } else {
                #expect(x["四库汇总"]?.cells["D5"]?.number == 618.2)
            }
        }
    }
}
