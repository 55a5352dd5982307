import DistrictTestSupport
import Foundation
import Replica
import Reports
import Testing

/// CSV export: BOM, labels, exact integers, OWASP formula-injection prefix on text only.
@Suite struct CSVExportTests {
    @Test(arguments: [
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""), ("+86 371", "\"'+86 371\""), ("-项目", "\"'-项目\""),
        ("@SUM(A1)", "\"'@SUM(A1)\""), ("\t制表", "\"'\t制表\""), ("\r回车", "\"'\r回车\""), ("\n换行", "\"'\n换行\""),
        ("普通文字", "普通文字"), ("含,逗号", "\"含,逗号\""), ("中间=号", "中间=号"),
    ])
    func textFieldsAreProtected(_ input: String, _ expected: String) {
        #expect(CSVField.text(input) == expected)
    }

    @Test func negativeNumbersAreNotPrefixed() {
        #expect(CSVField.number(-1500) == "-1500")
    }

    @Test func tableExportReadsBackWithPythonCSV() throws {
        let dir = TemporaryDirectory("csv")
        let r = try Replica.create(at: dir.file("a.dsync"), office: "410103001")
        try r.write { w in
            _ = try w.insert("project", ["project_no": .text("410103001-2023-0001"), "name": .text("=cmd|' /C calc'!A0"), "total_invest": .integer(-1_500_000_000)])
            _ = try w.insert("project", ["project_no": .text("410103001-2023-0002"), "name": .text("二七区全民健身运动中心"), "total_invest": .integer(520_000_000)])
            let gone = try w.insert("project", ["project_no": .text("410103001-2023-0003"), "name": .text("已删除")])
            try w.delete("project", id: gone)
        }
        let out = dir.file("project.csv")
        let n = try TableCSVExporter.export(table: "项目", from: try ReportSource(path: dir.file("a.dsync")), to: out)
        #expect(n == 2)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let script = """
            import csv, sys, json
            rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
            print(json.dumps(rows, ensure_ascii=False))
            """
        let p = try ProcessRunner.run("/usr/bin/python3", ["-c", script, out])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(p.stdout.utf8)) as? [[String]])
        #expect(rows.count == 3)
        let header = rows[0]
        let name = try #require(header.firstIndex(of: "项目名称"))
        let total = try #require(header.firstIndex(of: "总投资（元）"))
        #expect(rows[1][name] == "'=cmd|' /C calc'!A0")
        #expect(rows[1][total] == "-1500000000")
        #expect(rows[2][name] == "二七区全民健身运动中心")
        #expect(rows[2][total] == "520000000")
        #expect((#expect(throws: ReportError.self) { try TableCSVExporter.export(table: "nope", from: try ReportSource(path: dir.file("a.dsync")), to: out) })?.code == "csv.unknown_table")
    }
}
