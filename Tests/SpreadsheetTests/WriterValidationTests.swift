import DistrictTestSupport
import Foundation
import Spreadsheet
import Testing

/// The writer face refuses what libxlsxwriter 1.1.4 would accept silently or crash on.
@Suite struct WriterValidationTests {
    @Test(arguments: ["", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二", "项目[1]", "a:b", "a*b", "a?b", "a/b", "a\\b", "'开头", "结尾'"])
    func illegalSheetNamesAreRefused(_ name: String) throws {
        let dir = TemporaryDirectory("wv")
        let book = try XlsxWorkbook(path: dir.file("a.xlsx"))
        let e = #expect(throws: XlsxError.self) { try book.addWorksheet(name) }
        #expect(e?.code == .invalidSheetName)
    }

    @Test func sheetNamesAreUniqueCaseInsensitively() throws {
        let dir = TemporaryDirectory("wv")
        let book = try XlsxWorkbook(path: dir.file("a.xlsx"))
        _ = try book.addWorksheet("Summary汇总")
        let e = #expect(throws: XlsxError.self) { try book.addWorksheet("SUMMARY汇总") }
        #expect(e?.code == .duplicateSheetName)
        _ = try book.addWorksheet("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一")  // exactly 31
        try book.close()
    }

    @Test func overlappingMergesAreRefusedBeforeC() throws {
        let dir = TemporaryDirectory("wv")
        let book = try XlsxWorkbook(path: dir.file("a.xlsx"))
        let ws = try book.addWorksheet("表")
        try ws.merge(CellArea(firstRow: 0, firstColumn: 0, lastRow: 1, lastColumn: 0), "序号", style: nil)
        let e = #expect(throws: XlsxError.self) { try ws.merge(.row(0, 0, 1), "重叠", style: nil) }
        #expect(e?.code == .overlappingMerge)
        #expect(e?.message.contains("A1:B1") ?? false)
        let single = #expect(throws: XlsxError.self) { try ws.merge(.row(3, 3, 3), "单格", style: nil) }
        #expect(single?.code == .singleCellMerge)
        try ws.merge(.row(0, 1, 2), "相邻不重叠", style: nil)
        #expect(ws.merges.count == 2)
        try book.close()
    }

    @Test func limitsAreCheckedBeforeC() throws {
        let dir = TemporaryDirectory("wv")
        let book = try XlsxWorkbook(path: dir.file("a.xlsx"))
        let ws = try book.addWorksheet("表")
        #expect((#expect(throws: XlsxError.self) { try ws.write(0, 0, String(repeating: "字", count: 32_768)) })?.code == .stringTooLong)
        try ws.write(0, 0, String(repeating: "字", count: 32_767))
        #expect((#expect(throws: XlsxError.self) { try ws.write(1_048_576, 0, "x") })?.code == .cellOutOfRange)
        #expect((#expect(throws: XlsxError.self) { try ws.write(0, 16_384, "x") })?.code == .cellOutOfRange)
        #expect((#expect(throws: XlsxError.self) { try ws.write(-1, 0, "x") })?.code == .cellOutOfRange)
        #expect((#expect(throws: XlsxError.self) { try ws.write(1, 0, Double.nan) })?.code == .invalidNumber)
        #expect((#expect(throws: XlsxError.self) { try ws.writeDate(1, 0, year: 2023, month: 2, day: 29, style: nil) })?.code == .invalidDate)
        #expect((#expect(throws: XlsxError.self) { try ws.writeDate(1, 0, year: 2023, month: 13, day: 1, style: nil) })?.code == .invalidDate)
        try ws.writeDate(1, 0, year: 2024, month: 2, day: 29, style: CellStyle(numberFormat: "yyyy-mm-dd"))
        #expect((#expect(throws: XlsxError.self) { try ws.write(2, 0, "a\u{0}b") })?.code == .invalidArgument)
        #expect((#expect(throws: XlsxError.self) { try ws.write(2, 0, 1, style: CellStyle(fill: 0x1FF_FFFF)) })?.code == .invalidArgument)
        #expect((#expect(throws: XlsxError.self) { try ws.setPrint(PrintSetup(footer: String(repeating: "页", count: 256))) })?.code == .lxw255StringLengthExceeded)
        #expect((#expect(throws: XlsxError.self) { try book.defineName(String(repeating: "名", count: 50), "=表!$A$1") })?.code == .invalidArgument)
        try book.close()
        #expect((#expect(throws: XlsxError.self) { try book.close() })?.code == .closed)
    }

    @Test func constantMemoryModeKeepsRowOrder() throws {
        let dir = TemporaryDirectory("wv")
        let book = try XlsxWorkbook(path: dir.file("a.xlsx"), options: .init(constantMemory: true))
        let ws = try book.addWorksheet("流水")
        try ws.write(0, 0, "表头")
        try ws.write(5, 0, 1)
        let back = #expect(throws: XlsxError.self) { try ws.write(4, 0, "回写") }
        #expect(back?.code == .rowOrder)
        let tall = #expect(throws: XlsxError.self) { try ws.merge(CellArea(firstRow: 6, firstColumn: 0, lastRow: 7, lastColumn: 0), "跨行", style: nil) }
        #expect(tall?.code == .rowOrder)
        try ws.merge(.row(6, 0, 3), "同一行合并", style: nil)
        try ws.write(6, 5, "同一行后面的列")
        try book.close()
    }

    @Test func libxlsxwriterErrorsAreMappedByName() throws {
        let dir = TemporaryDirectory("wv")
        let book = try XlsxWorkbook(path: dir.file("missing-dir/a.xlsx"))
        _ = try book.addWorksheet("表")
        let e = #expect(throws: XlsxError.self) { try book.close() }
        #expect(e?.code == .lxwCreatingXlsxFile)
    }

    @Test func stylesAreDeduplicated() throws {
        let dir = TemporaryDirectory("wv")
        let book = try XlsxWorkbook(path: dir.file("a.xlsx"))
        let ws = try book.addWorksheet("表")
        for r in 0..<100 {
            try ws.write(r, 0, "文字", style: CellStyle(fontName: "仿宋_GB2312", border: .thin))
            try ws.write(r, 1, Double(r), style: CellStyle(fontName: "仿宋_GB2312", border: .thin, numberFormat: "#,##0.00"))
            try ws.write(r, 2, "x", style: .plain)
        }
        #expect(book.formatCount == 2)
        try book.close()
    }

    @Test func cjkWidthsCountWideCharactersTwice() {
        #expect(ColumnWidth.units("项目名称") == 8)
        #expect(ColumnWidth.units("ABC") == 3)
        #expect(ColumnWidth.units("（万元）") == 8)
        #expect(ColumnWidth.units("二七区\nAB") == 6)
        #expect(ColumnWidth.fitting("项目名称", fontSize: 11) == 9)
        #expect(ColumnWidth.fitting("项目名称", fontSize: 22) == 17)
        #expect(ColumnWidth.fitting(String(repeating: "长", count: 200)) == 60)
    }
}
