import DistrictTestSupport
import Foundation
import Testing

@Suite("dsync inspect")
struct InspectCommandTests {
    let dsync = ProcessRunner.product("dsync")
    static let fixtures: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/Fixtures/"
    }()

    @Test("text: sheets with hidden state, merges, flattened header with column letters, typed cells")
    func text() throws {
        let r = try ProcessRunner.run(dsync, ["inspect", Self.fixtures + "readers/features.xlsx", "--rows", "6"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("文件：features.xlsx（xlsx）"))
        #expect(lines.contains("  2. 隐藏表（隐藏）"))
        #expect(lines.contains("  3. 深度隐藏（深度隐藏）"))
        #expect(lines.contains("  1. 项目清单  ← 当前"))
        #expect(lines.contains("合并单元格：A1:F1、A3:A4、B3:B4、C3:E3、F3:F4"))
        #expect(lines.contains("表头：第 3–4 行，数据从第 5 行开始"))
        #expect(lines.contains("  C\t投资情况（万元）/总投资"))
        #expect(lines.contains("  第 5 行：A=数字「1」 B=文本「郑州 产业园」 C=数字「1234.5」 D=数字「2469」 E=文本「本月完成」 F=日期「2024-05-31」"))
        #expect(lines.contains("  第 6 行：A=数字「2」 C=数字「-1E-3」 D=布尔「TRUE」 E=错误「#DIV/0!」 F=日期「2024-05-31T12:00:00」"))
        #expect(!r.stdout.contains("第 7 行"))
    }

    @Test("--json is stable and machine-readable; --sheet picks a hidden sheet by name")
    func json() throws {
        let r = try ProcessRunner.run(dsync, ["inspect", Self.fixtures + "readers/features.xlsx", "--json", "--rows", "5"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "xlsx")
        #expect(object["sheet"] as? String == "项目清单")
        #expect(object["merges"] as? [String] == ["A1:F1", "A3:A4", "B3:B4", "C3:E3", "F3:F4"])
        let sheets = try #require(object["sheets"] as? [[String: Any]])
        #expect(sheets.map { $0["state"] as? String } == ["visible", "hidden", "veryHidden", "visible"])
        let header = try #require(object["header"] as? [String: Any])
        #expect(header["rows"] as? [Int] == [3, 4])
        #expect(header["firstDataRow"] as? Int == 5)
        let columns = try #require(header["columns"] as? [[String: Any]])
        #expect(columns.map { $0["label"] as? String } == ["序号", "项目名称", "投资情况（万元）/总投资", "投资情况（万元）/年度计划",
                                                           "投资情况（万元）/本月完成", "开工日期"])
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.count == 5)
        let last = try #require(rows.last?["cells"] as? [[String: Any]])
        #expect(last.last?["type"] as? String == "date")
        #expect(last.last?["value"] as? String == "2024-05-31")
        #expect(last.last?["serial"] as? String == "45443")
        let again = try ProcessRunner.run(dsync, ["inspect", Self.fixtures + "readers/features.xlsx", "--json", "--rows", "5"])
        #expect(again.stdout == r.stdout)

        let hidden = try ProcessRunner.run(dsync, ["inspect", Self.fixtures + "readers/features.xlsx", "--sheet", "隐藏表", "--json"])
        #expect(hidden.stdout.contains("\"value\" : \"隐藏\""), "\(hidden.stdout)")
    }

    @Test("CSV: encoding and delimiter shown; hostile and legacy files give a Chinese error and exit 1")
    func csvAndErrors() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("清单.csv")
        try Data("名称;金额\n甲;1\n".utf8).write(to: URL(fileURLWithPath: path))
        let r = try ProcessRunner.run(dsync, ["inspect", path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("文件：清单.csv（CSV，编码 UTF-8，分隔符「;」）"))
        #expect(r.stdout.contains("  第 2 行：A=文本「甲」 B=文本「1」"))

        let legacy = try ProcessRunner.run(dsync, ["inspect", Self.fixtures + "hostile/legacy.xls"])
        #expect(legacy.status == 1)
        #expect(legacy.stderr.contains("错误：文件「legacy.xls」：这是旧版 Excel（.xls）或 WPS（.et）格式"))
        let laughs = try ProcessRunner.run(dsync, ["inspect", Self.fixtures + "hostile/billion_laughs.xlsx"])
        #expect(laughs.status == 1)
        #expect(laughs.stderr.contains("<!DOCTYPE>"))
        let noSheet = try ProcessRunner.run(dsync, ["inspect", Self.fixtures + "readers/features.xlsx", "--sheet", "9"])
        #expect(noSheet.status == 1)
        #expect(noSheet.stderr.contains("没有工作表第 9 个"))
    }
}
