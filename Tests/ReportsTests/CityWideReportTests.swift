import CentralStore
import DistrictTestSupport
import Foundation
import Replica
import Reports
import SQLiteDB
import SyncClient
import Testing

/// The same reports on a central store built through the real push path, aggregated by unit, stating
/// each office's last sync.
@Suite struct CityWideReportTests {
    static func office(_ dir: TemporaryDirectory, _ store: SQLiteCentralStore, _ code: String, pools: [(String, Int64)]) throws {
        let path = dir.file("\(code).dsync")
        let r = try Replica.create(at: path, office: code)
        let unit = try ReportFixtures.unitID(path, code)
        try r.write { w in
            for (i, (pool, wan)) in pools.enumerated() {
                _ = try w.insert("project", [
                    "project_no": .text("\(code)-2023-\(i + 1)"), "name": .text("\(code)项目\(i + 1)"), "pool": .text(pool),
                    "total_invest": .integer(wan * 10_000), "lead_unit_id": .text(unit),
                ])
            }
        }
        let transport = InProcessTransport(store: store, token: try store.createToken(office: code))
        _ = try SyncSession(replica: r, transport: transport).run()
    }

    @Test func r2OnTheCentralStoreAggregatesTwoOffices() throws {
        let dir = TemporaryDirectory("city")
        let store = try SQLiteCentralStore(path: dir.file("central.db"))
        try Self.office(dir, store, "410103001", pools: [("谋划库", 1_000_000), ("谋划库", 698_000), ("落地库", 1_000)])
        try Self.office(dir, store, "410103003", pools: [("招引库", 194_000), ("签约库", 43_900)])
        let source = try ReportSource(path: dir.file("central.db"))
        #expect(source.kind == .centralStore)
        let context = try ReportContext(source: source, period: try #require(ReportPeriod("2023-06")), unitCode: "410103")
        let out = dir.file("R2.xlsx")
        try ReportExporter.export(try #require(ReportCatalog.template("R2")), context: context, to: out)
        let x = try XlsxProbe(out)
        let s = try #require(x["四库汇总"])
        #expect(s.cells["A2"]?.text == "填报单位（盖章）：二七区")
        #expect(s.cells["C5"]?.number == 5)
        #expect(s.cells["D5"]?.number == 193.69)
        #expect(s.cells["D6"]?.number == 169.8)
        let u = try #require(x["分单位"])
        #expect(u.cells["B6"]?.text == "淮河路街道办事处")
        #expect(u.cells["C6"]?.number == 2)
        #expect(u.cells["B7"]?.text == "铭功路街道办事处")
        #expect(u.cells["E7"]?.number == 1)
        // The data-state line names both offices with their last sync time.
        let state = try #require(s.cells.values.compactMap(\.text).first { $0.hasPrefix("数据来源：中心库 central.db") })
        #expect(state.contains("淮河路街道办事处 20"))
        #expect(state.contains("铭功路街道办事处 20"))
        // One office's scope on the same store.
        let one = try ReportContext(source: source, period: try #require(ReportPeriod("2023-06")), unitCode: "410103003")
        try ReportExporter.export(try #require(ReportCatalog.template("R2")), context: one, to: dir.file("one.xlsx"))
        #expect(try XlsxProbe(dir.file("one.xlsx"))["四库汇总"]?.cells["C5"]?.number == 2)
    }

    @Test func cliExportsFromReplicaAndStore() throws {
        let dir = TemporaryDirectory("cli")
        try ReportFixtures.build(at: dir.file("fixture.dsync"), projects: 130)
        let dsync = ProcessRunner.product("dsync")
        let r = try ProcessRunner.run(dsync, ["export", "R2", "--period", "2023-06", "-o", dir.file("r2.xlsx"), "--replica", dir.file("fixture.dsync")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("已导出 R2"))
        #expect(try XlsxProbe(dir.file("r2.xlsx"))["四库汇总"]?.cells["D5"]?.number == 618.2)
        let bad = try ProcessRunner.run(dsync, ["export", "R9", "--period", "2023-06", "--replica", dir.file("fixture.dsync")])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("没有报表「R9」"))
        let badPeriod = try ProcessRunner.run(dsync, ["export", "R1", "--period", "2023-6", "--replica", dir.file("fixture.dsync")])
        #expect(badPeriod.stderr.contains("格式不对"))
        let csv = try ProcessRunner.run(dsync, ["export-csv", "project", "-o", dir.file("p.csv"), "--replica", dir.file("fixture.dsync")])
        #expect(csv.stdout.contains("已导出 130 行"))
        let close = try ProcessRunner.run(dsync, ["period", "close", "2023-06", "--replica", dir.file("fixture.dsync")])
        #expect(close.status == 0, "\(close.stderr)")
        let reopen = try ProcessRunner.run(dsync, ["period", "reopen", "2023-06", "--replica", dir.file("fixture.dsync")])
        #expect(reopen.status != 0)
        let list = try ProcessRunner.run(dsync, ["period", "list", "--replica", dir.file("fixture.dsync")])
        #expect(list.stdout.contains("2023-06  关账"))
    }
}

/// The 红黄蓝绿 rule set from the command line.
@Suite struct LightRuleCommandTests {
    @Test("R6 with --light-* options lights by the custom rule and names it in the note; bad rules are refused")
    func customRuleFromCommandLine() throws {
        let dir = TemporaryDirectory("r6-cli")
        try ReportFixtures.build(at: dir.file("fixture.dsync"), projects: 12)
        let dsync = ProcessRunner.product("dsync")
        func export(_ extra: [String], _ name: String) throws -> ProcessResult {
            try ProcessRunner.run(dsync, ["export", "R6", "--period", ReportFixtures.period, "-o", dir.file(name), "--replica", dir.file("fixture.dsync")] + extra)
        }
        #expect(try export([], "standard.xlsx").status == 0)
        let standard = try #require(try XlsxProbe(dir.file("standard.xlsx"))["红黄蓝绿督查"])
        #expect(standard.cells["N6"]?.text == "红灯", "16.67 points behind: 黄 twice → 红 under the default rule")
        #expect(standard.cells.values.contains { $0.text?.contains("亮灯规则 DS-4.4-2024：") ?? false })

        let r = try export(["--light-yellow-from", "20", "--light-red-from", "40.5", "--light-yellows-to-red", "3"], "custom.xlsx")
        #expect(r.status == 0, "\(r.stderr)")
        let custom = try #require(try XlsxProbe(dir.file("custom.xlsx"))["红黄蓝绿督查"])
        #expect(custom.cells["N6"]?.text == "蓝灯", "16.67 points behind is under the custom yellow threshold of 20")
        #expect(custom.cells["N5"]?.text == "绿灯")
        let note = try #require(custom.cells.values.compactMap(\.text).first { $0.contains("亮灯规则") })
        #expect(note.contains("亮灯规则 自定义：") && note.contains("不足 20 个百分点为蓝灯") && note.contains("低于超过 40.5 个百分点") && note.contains("连续 3 个月黄灯"), "\(note)")

        let bad = try export(["--light-yellow-from", "30", "--light-red-from", "20"], "bad.xlsx")
        #expect(bad.status != 0 && bad.stderr.contains("必须小于红灯起点"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("bad.xlsx")))
    }
}
