import DistrictTestSupport
import Domain
import Foundation
import Replica
import Reports
import Testing

/// The reports reproduce the source documents' figures (DOMAIN.md §1.3) from a real replica, read back
/// cell by cell by openpyxl.
@Suite struct ReportFigureTests {
    static func export(_ code: String, _ replica: String, dir: TemporaryDirectory, unit: String? = nil) throws -> XlsxProbe {
        let source = try ReportSource(path: replica)
        let context = try ReportContext(source: source, period: try #require(ReportPeriod(ReportFixtures.period)), unitCode: unit)
        let out = dir.file("\(code).xlsx")
        try ReportExporter.export(try #require(ReportCatalog.template(code)), context: context, to: out, createdAt: 1_688_083_200)
        return try XlsxProbe(out)
    }

    @Test func r2ReproducesTheFourPoolsOfSeed001() throws {
        let dir = TemporaryDirectory("r2")
        try ReportFixtures.build(at: dir.file("fixture.dsync"))
        let x = try Self.export("R2", dir.file("fixture.dsync"), dir: dir)
        #expect(x.order == ["四库汇总", "分单位", "项目明细"])
        let s = try #require(x["四库汇总"])
        #expect(s.cells["A1"]?.text == "二七区产业项目“四库”动态管理汇总表（截至2023年6月）")
        #expect(s.cells["A5"]?.text == "合计")
        #expect(s.cells["C5"]?.number == 122)
        #expect(s.cells["D5"]?.number == 618.2)
        #expect(s.cells["E5"]?.number == 100)
        let expected: [(String, Double, Double)] = [("谋划库", 64, 369.8), ("招引库", 35, 194.4), ("签约库", 9, 43.9), ("落地库", 14, 10.1)]
        for (i, e) in expected.enumerated() {
            let row = 6 + i
            #expect(s.cells["B\(row)"]?.text == e.0)
            #expect(s.cells["C\(row)"]?.number == e.1)
            #expect(s.cells["D\(row)"]?.number == e.2)
        }
        // Shares by investment, computed exactly: 59.82 / 31.45 / 7.10 / 1.63 (DOMAIN.md F1).
        #expect(s.cells["E6"]?.number == 59.82)
        #expect(s.cells["E7"]?.number == 31.45)
        #expect(s.cells["E8"]?.number == 7.1)
        #expect(s.cells["E9"]?.number == 1.63)
        // This month's movements: 3 new entries into 谋划库, 2 moved 谋划库 → 招引库.
        #expect(s.cells["F6"]?.number == 3)
        #expect(s.cells["H7"]?.number == 2)
        #expect(s.cells["J6"]?.number == 2)
        #expect(s.formats["D6"] == "#,##0.00")
        #expect(s.formats["E6"] == "0.00")
        #expect(s.cells["J2"]?.text == "单位：亿元")
        // By unit: the 合计 row equals the pools, the six street offices each have a row.
        let u = try #require(x["分单位"])
        #expect(u.cells["K5"]?.number == 122)
        #expect(u.cells["L5"]?.number == 618.2)
        #expect((6...11).compactMap { u.cells["B\($0)"]?.text }.count == 6)
        // Details in 万元: 122 rows after the 合计.
        let d = try #require(x["项目明细"])
        #expect(d.cells["J5"]?.number == 6_182_000)
        #expect(d.cells["A127"]?.number == 122)
        #expect(d.cells["A128"] == nil)
    }

    @Test func r1ReproducesTheMajorProjectFiguresOfSeed001() throws {
        let dir = TemporaryDirectory("r1")
        try ReportFixtures.build(at: dir.file("fixture.dsync"))
        let x = try Self.export("R1", dir.file("fixture.dsync"), dir: dir)
        let s = try #require(x["重点项目进展"])
        #expect(s.cells["A1"]?.text == "二七区2023年重点项目建设进展情况表（1—6月）")
        #expect(s.cells["A2"]?.text == "填报单位（盖章）：二七区发展和改革委员会")
        #expect(s.cells["I2"]?.text == "截至：2023年6月30日")
        #expect(s.cells["Q2"]?.text == "单位：万元")
        #expect(s.cells["A5"]?.text == "合计（360个）")
        #expect(s.cells["L4"]?.text == "1—6月累计完成投资")
        #expect(s.cells["I3"]?.text == "投资情况（万元）")
        #expect(s.cells["L5"]?.number == 1_030_000)  // 103亿元
        // The 省重点 and 市重点 小计 rows: 20 + 26 = 46 projects, 开工以来累计 152.6亿元 together.
        let groups = s.cells.filter { $0.key.hasPrefix("A") && ($0.value.text?.contains("小计") ?? false) }
        let provincial = try #require(groups.first { $0.value.text == "一、省重点项目（20个）小计" })
        let city = try #require(groups.first { $0.value.text == "二、市重点项目（26个）小计" })
        #expect(groups.contains { $0.value.text == "三、区重大项目（314个）小计" })
        let cum = try #require(s.cells["N" + provincial.key.dropFirst()]?.number) + (try #require(s.cells["N" + city.key.dropFirst()]?.number))
        #expect(cum == 1_526_000)
        #expect(s.cells.values.contains { $0.text?.contains("其中省市重点项目 46 个，开工以来累计完成投资 152.6 亿元") ?? false })
        #expect(s.cells.values.contains { $0.text?.contains("全部 360 个项目1—6月累计完成投资 103.0 亿元") ?? false })
        // 占年度计划% of the 合计 is recomputed from the sums (Σ ytd ÷ Σ plan), not averaged.
        let plan = try #require(s.cells["J5"]?.number)
        let pct = try #require(s.cells["M5"]?.number)
        #expect(abs(pct - (1_030_000 / plan * 100)) < 0.006)
    }

    @Test func r1LayoutAndPrintSettings() throws {
        let dir = TemporaryDirectory("r1layout")
        try ReportFixtures.build(at: dir.file("fixture.dsync"), projects: 30)
        let x = try Self.export("R1", dir.file("fixture.dsync"), dir: dir)
        let s = try #require(x["重点项目进展"])
        #expect(s.merged.contains("A1:X1"))              // title across all 24 columns
        #expect(s.merged.contains("A3:A4"))              // 序号 spans both header rows
        #expect(s.merged.contains("I3:O3"))              // 投资情况（万元） over its seven columns
        #expect(s.merged.contains("P3:Q3"))              // 开工情况
        #expect(s.merged.contains("T3:V3"))              // 责任分工
        #expect(s.merged.contains("A5:B5"))              // 合计 label
        #expect(s.orientation == "landscape")
        #expect(s.paper == 9)
        #expect(s.fitToPage)
        #expect(s.fitToWidth == 1)
        #expect(s.fitToHeight == 0)
        #expect(s.titleRows == "$3:$4")
        #expect(s.freeze == "C5")
        #expect(s.footer == "第 &P 页 共 &N 页")
        #expect(s.formats["I7"] == "#,##0.00")
        #expect(s.formats["M7"] == "0.00")
        #expect(s.formats["P7"] == "yyyy\"年\"m\"月\"d\"日\"")
        #expect(s.cells["P7"]?.text == "2023-01-15")
        #expect(x.title == "二七区2023年重点项目建设进展情况表（1—6月）")
        // Sign-off footer line and the data-state line come after the notes.
        #expect(s.cells.values.contains { $0.text?.hasPrefix("填表人：") ?? false })
        #expect(s.cells.values.contains { $0.text == "数据来源：副本 fixture.dsync；最后同步：二七区发展和改革委员会 未同步；填报期 2023-06 未关账" })
    }

    @Test func r5ComputesRatiosFromPartsAndRanksOffices() throws {
        let dir = TemporaryDirectory("r5")
        try ReportFixtures.build(at: dir.file("fixture.dsync"), projects: 30)
        let x = try Self.export("R5", dir.file("fixture.dsync"), dir: dir)
        let s = try #require(x["目标任务"])
        #expect(s.cells["B5"]?.text == "即办事项")
        #expect(s.cells["H5"]?.number == 61.07)           // 742 / 1215, not the printed 61.2
        #expect(s.cells["I5"]?.number == 50)               // 序时进度 6/12
        #expect(s.cells["J5"]?.number == 11.07)
        #expect(s.cells["K5"]?.text == "绿灯")
        #expect(s.cells["H6"]?.number == 57.14)            // 20 / 35
        #expect(s.cells["M5"]?.number == 1)                // rank by completion
        // Every township and 管委会 of 二七区 is ranked, including those without data.
        let r = try #require(x["单位排名"])
        let names = (5..<40).compactMap { r.cells["B\($0)"]?.text }
        #expect(names.contains("淮河路街道办事处"))
        #expect(names.contains("马寨镇人民政府"))
        #expect(names.contains("火车站地区管理委员会"))
        let mazhai = try #require((5..<40).first { r.cells["B\($0)"]?.text == "马寨镇人民政府" })
        #expect(r.cells["I\(mazhai)"]?.number == 0)
    }

    @Test func r6LightsCarryColourWordAndFill() throws {
        let dir = TemporaryDirectory("r6")
        try ReportFixtures.build(at: dir.file("fixture.dsync"), projects: 12)
        let x = try Self.export("R6", dir.file("fixture.dsync"), dir: dir)
        let s = try #require(x["红黄蓝绿督查"])
        let lights = (5..<17).compactMap { s.cells["N\($0)"]?.text }
        #expect(lights.count == 12)
        #expect(Set(lights).isSubset(of: ["红灯", "黄灯", "蓝灯", "绿灯"]))
        // Project 1 is 竣工投产 → 绿; project 2 (plan = 3× ytd: 33.33 % vs 50 %) → 黄 for two months → 红.
        #expect(s.cells["N5"]?.text == "绿灯")
        #expect(s.cells["I6"]?.number == 33.33)
        #expect(s.cells["K6"]?.number == -16.67)
        #expect(s.cells["N6"]?.text == "红灯")   // 黄 in May and June: two consecutive yellows
        #expect(s.cells["O6"]?.number == 1)
        #expect(s.cells["O5"]?.number == 6)
    }

    @Test func r3AndR4SummariseSigningsAndLeads() throws {
        let dir = TemporaryDirectory("r34")
        try ReportFixtures.build(at: dir.file("fixture.dsync"), projects: 5)
        let r3 = try #require(try Self.export("R3", dir.file("fixture.dsync"), dir: dir)["签约项目台账"])
        #expect(r3.cells["A5"]?.text == "合计（13个）")
        #expect(r3.cells["M5"]?.number == 1_200_000)
        #expect(r3.merged.contains("C3:H3"))
        #expect(r3.cells.values.contains { $0.text?.contains("新签约项目 13 个（其中主导产业 7 个）") ?? false })
        let r4 = try #require(try Self.export("R4", dir.file("fixture.dsync"), dir: dir)["线索台账"])
        #expect(r4.cells["A5"]?.text == "合计（5条）")
        #expect(r4.cells["I5"]?.number == 150_000)
        #expect(r4.cells.values.contains { $0.text?.contains("线索 5 条，对接企业 3 家，在谈项目 2 个，转签约 1 个") ?? false })
    }
}
