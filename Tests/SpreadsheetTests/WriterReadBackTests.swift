import DistrictTestSupport
import Foundation
import Spreadsheet
import Testing

/// Files written by the face, read back by openpyxl, and byte-reproducible with a fixed creation date.
@Suite struct WriterReadBackTests {
    static func sample(_ path: String, createdAt: Int?) throws {
        let book = try XlsxWorkbook(path: path, options: .init(createdAt: createdAt))
        book.properties = DocumentProperties(title: "测试", author: "DistrictSync")
        let ws = try book.addWorksheet("汇总")
        let head = CellStyle(fontName: "黑体", bold: true, fill: 0xFFFF00, border: .thin, horizontal: .center, wrap: true)
        try ws.merge(.row(0, 0, 2), "二七区汇总表", style: head)
        try ws.write(1, 0, "库别", style: head)
        try ws.write(1, 1, "投资（亿元）", style: head)
        try ws.write(2, 0, "=1+1 应作为文本")
        try ws.write(2, 1, 369.8, style: CellStyle(numberFormat: "#,##0.00"))
        try ws.writeFormula(3, 1, "=SUM(B3:B3)", cachedValue: 369.8)
        try ws.writeBlank(3, 0, style: CellStyle(border: .thin))
        try ws.writeDate(4, 0, year: 2023, month: 6, day: 30, style: CellStyle(numberFormat: "yyyy\"年\"m\"月\"d\"日\""))
        try ws.setColumn(0, 0, width: ColumnWidth.fitting("=1+1 应作为文本"))
        try ws.freezePanes(row: 2, column: 1)
        try ws.autofilter(CellArea(firstRow: 1, firstColumn: 0, lastRow: 3, lastColumn: 1))
        try ws.setPrint(PrintSetup(repeatRows: 0...1, footer: "&C第 &P 页 共 &N 页"))
        _ = try book.addWorksheet("代码表")
        try book.defineName("单位列表", "=代码表!$A$1:$A$20")
        try book.close()
    }

    @Test func openpyxlReadsWhatWasWritten() throws {
        let dir = TemporaryDirectory("wr")
        let path = dir.file("a.xlsx")
        try Self.sample(path, createdAt: 1_700_000_000)
        let script = """
            import sys, json
            from openpyxl import load_workbook
            wb = load_workbook(sys.argv[1])
            ws = wb["汇总"]
            try: names = list(wb.defined_names.keys())
            except AttributeError: names = [d.name for d in wb.defined_names.definedName]
            print(json.dumps({
              "a1": ws["A1"].value, "a3": ws["A3"].value, "a3type": ws["A3"].data_type, "b3": ws["B3"].value, "b3fmt": ws["B3"].number_format,
              "b4": ws["B4"].value, "a5": str(ws["A5"].value), "merged": [str(r) for r in ws.merged_cells.ranges],
              "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref, "orient": ws.page_setup.orientation,
              "paper": ws.page_setup.paperSize, "titles": ws.print_title_rows, "footer": ws.oddFooter.center.text,
              "names": names, "created": wb.properties.created.isoformat(), "title": wb.properties.title,
              "fill": ws["A1"].fill.fgColor.rgb, "width": ws.column_dimensions["A"].width
            }, ensure_ascii=False))
            """
        let r = try ProcessRunner.run("/usr/bin/python3", ["-c", script, path])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(o["a1"] as? String == "二七区汇总表")
        #expect(o["a3"] as? String == "=1+1 应作为文本")
        #expect(o["a3type"] as? String == "s")
        #expect(o["b3"] as? Double == 369.8)
        #expect(o["b3fmt"] as? String == "#,##0.00")
        #expect(o["b4"] as? String == "=SUM(B3:B3)")
        #expect(o["a5"] as? String == "2023-06-30 00:00:00")
        #expect(o["merged"] as? [String] == ["A1:C1"])
        #expect(o["freeze"] as? String == "B3")
        #expect(o["filter"] as? String == "A2:B4")
        #expect(o["orient"] as? String == "landscape")
        #expect(o["paper"] as? String == "9" || o["paper"] as? Int == 9)
        #expect(o["titles"] as? String == "$1:$2")
        #expect(o["footer"] as? String == "第 &P 页 共 &N 页")
        #expect((o["names"] as? [String])?.contains("单位列表") == true)
        #expect(o["created"] as? String == "2023-11-14T22:13:20")
        #expect(o["title"] as? String == "测试")
        #expect(o["fill"] as? String == "FFFFFF00")
        #expect(o["width"] as? Double == 17 + 0.7109375 || (o["width"] as? Double ?? 0) > 16)
    }

    @Test func fixedCreationDateGivesIdenticalBytes() throws {
        let dir = TemporaryDirectory("wr")
        try Self.sample(dir.file("a.xlsx"), createdAt: 1_700_000_000)
        try Self.sample(dir.file("b.xlsx"), createdAt: 1_700_000_000)
        try Self.sample(dir.file("c.xlsx"), createdAt: 1_700_000_001)
        let a = try Data(contentsOf: URL(fileURLWithPath: dir.file("a.xlsx")))
        let b = try Data(contentsOf: URL(fileURLWithPath: dir.file("b.xlsx")))
        let c = try Data(contentsOf: URL(fileURLWithPath: dir.file("c.xlsx")))
        #expect(a == b)
        #expect(a != c)
    }
}
