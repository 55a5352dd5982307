import DistrictTestSupport
import Foundation
import Testing
@testable import Spreadsheet

@Suite("header detection")
struct HeaderDetectorTests {
    let expectedColumns = [
        HeaderColumn(index: 0, parts: ["序号"]),
        HeaderColumn(index: 1, parts: ["项目名称"]),
        HeaderColumn(index: 2, parts: ["投资情况（万元）", "总投资"]),
        HeaderColumn(index: 3, parts: ["投资情况（万元）", "年度计划"]),
        HeaderColumn(index: 4, parts: ["投资情况（万元）", "本月完成"]),
        HeaderColumn(index: 5, parts: ["开工日期"]),
    ]

    @Test("skips a merged title and a 填报单位 line; two-row merged header flattens to parent/child")
    func twoRowHeader() throws {
        let file = try SpreadsheetFile.open(path: Fixtures.reader("features.xlsx"))
        let table = try TableReader(file: file, sheet: file.defaultSheet)
        #expect(table.header.rowNumbers == [3, 4])
        #expect(table.header.firstDataRow == 5)
        #expect(table.header.columns == expectedColumns)
        #expect(table.header.columns.map(\.label)[2] == "投资情况（万元）/总投资")
        #expect(table.header.columns.map(\.letters) == ["A", "B", "C", "D", "E", "F"])
        #expect(table.header.column(labelled: "投资情况（万元）/年度计划")?.index == 3)
        var numbers: [Int] = []
        while let row = try table.next() { numbers.append(row.number) }
        #expect(numbers == [5, 6, 7, 9])
    }

    @Test("a known-label closure that only knows child labels still finds the whole band")
    func knownLabels() throws {
        let file = try SpreadsheetFile.open(path: Fixtures.reader("features.xlsx"))
        let known: Set = ["总投资", "年度计划", "本月完成"]
        let table = try TableReader(file: file, sheet: file.defaultSheet, detector: HeaderDetector(isKnownLabel: { known.contains($0) }))
        #expect(table.header.rowNumbers == [3, 4])
        #expect(table.header.columns == expectedColumns)
    }

    @Test("the known-label closure beats a wider text row above the header")
    func knownLabelsPreferred() {
        let rows = [
            SheetRow(number: 1, cells: [.t("说明"), .t("本表"), .t("由"), .t("各单位"), .t("填写")]),
            SheetRow(number: 2, cells: [.t("项目名称"), .t("总投资（万元）"), .t("备注")]),
            SheetRow(number: 3, cells: [.t("甲"), .n("1")]),
        ]
        #expect(HeaderDetector().detect(rows: rows, merges: [])?.rowNumbers == [1])
        let known = HeaderDetector(isKnownLabel: { ["项目名称", "总投资（万元）"].contains($0) }).detect(rows: rows, merges: [])
        #expect(known?.rowNumbers == [2])
        #expect(known?.firstDataRow == 3)
        #expect(known?.columns.map(\.label) == ["项目名称", "总投资（万元）", "备注"])
    }

    @Test("CSV: first row is the header; labels lose line breaks and outer spaces")
    func csvHeader() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("清单.csv")
        try Fixtures.write(Array("\" 项目\n名称 \",总投资\n甲,1\n乙,2\n".utf8), to: path)
        let file = try SpreadsheetFile.open(path: path)
        let table = try TableReader(file: file, sheet: file.defaultSheet)
        #expect(table.header.rowNumbers == [1])
        #expect(table.header.columns.map(\.label) == ["项目名称", "总投资"])
        #expect(try table.next() == SheetRow(number: 2, cells: [.t("甲"), .t("1")]))
        #expect(try table.next() == SheetRow(number: 3, cells: [.t("乙"), .t("2")]))
        #expect(try table.next() == nil)
    }

    @Test("no header in a sheet of numbers: noHeader error")
    func noHeader() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("数字.csv")
        try Fixtures.write(Array("1\n2\n3\n".utf8), to: path)
        let file = try SpreadsheetFile.open(path: path)
        #expect(HeaderDetector().detect(rows: try Fixtures.rows(file), merges: []) != nil)  // text "1" counts as text in CSV
        let numbers = [SheetRow(number: 1, cells: [.n("1"), .n("2")]), SheetRow(number: 2, cells: [.n("3"), .n("4")])]
        #expect(HeaderDetector().detect(rows: numbers, merges: []) == nil)
    }

    @Test("a two-row merged header written by openpyxl (a real writer) reads the same way")
    func openpyxlFile() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("两行表头.xlsx")
        let script = """
        import openpyxl, datetime, sys
        wb = openpyxl.Workbook(); ws = wb.active; ws.title = "项目"
        ws["A1"] = "郑州市重点项目表"; ws.merge_cells("A1:E1")
        ws["A2"] = "序号"; ws.merge_cells("A2:A3")
        ws["B2"] = "项目名称"; ws.merge_cells("B2:B3")
        ws["C2"] = "投资情况（亿元）"; ws.merge_cells("C2:D2")
        ws["C3"] = "总投资"; ws["D3"] = "累计完成"
        ws["E2"] = "开工日期"; ws.merge_cells("E2:E3")
        ws.append([1, "科创中心", 12.5, 3, datetime.date(2024, 5, 31)])
        ws["E4"].number_format = 'yyyy"年"m"月"d"日"'
        ws.append([2, "物流港", 0.75, None, None])
        hidden = wb.create_sheet("代码表"); hidden.sheet_state = "hidden"; hidden["A1"] = "x"
        wb.save(sys.argv[1])
        """
        let r = try ProcessRunner.run("/usr/bin/python3", ["-c", script, path])
        #expect(r.status == 0, "\(r.stderr)")
        let file = try SpreadsheetFile.open(path: path)
        #expect(file.sheets.map(\.visibility) == [.visible, .hidden])
        let table = try TableReader(file: file, sheet: file.defaultSheet)
        #expect(table.header.rowNumbers == [2, 3])
        #expect(table.header.columns.map(\.label) == ["序号", "项目名称", "投资情况（亿元）/总投资", "投资情况（亿元）/累计完成", "开工日期"])
        #expect(try table.next() == SheetRow(number: 4, cells: [.n("1"), .t("科创中心"), .n("12.5"), .n("3"),
                                                               .date(SheetDate(year: 2024, month: 5, day: 31, serial: "45443"))]))
        #expect(try table.next() == SheetRow(number: 5, cells: [.n("2"), .t("物流港"), .n("0.75")]))
        #expect(try table.next() == nil)
    }

    static func row(_ n: Int, _ cells: [SheetCell]) -> SheetRow { SheetRow(number: n, cells: cells) }

    @Test("a 栏次 row (甲 乙 1 2 3, as text or numbers) under the header is skipped; data starts below it")
    func numberingRowIsSkipped() throws {
        let header = Self.row(2, [.text("项目名称"), .text("建设地点"), .text("总投资"), .text("年度计划"), .text("本月完成")])
        let data = Self.row(4, [.text("兰盾电子产业园"), .text("二七区"), .number("150000"), .number("30000"), .number("2500")])
        for numbering in [
            Self.row(3, [.text("甲"), .text("乙"), .text("1"), .text("2"), .text("3")]),
            Self.row(3, [.text("甲"), .text("乙"), .number("1"), .number("2"), .number("3")]),
            Self.row(3, [.text("栏次"), .empty, .number("1"), .number("2"), .number("3")]),
        ] {
            let h = try #require(HeaderDetector().detect(rows: [Self.row(1, [.text("二七区重点项目表")]), header, numbering, data], merges: []))
            #expect(h.rowNumbers == [2])
            #expect(h.numberingRow == 3)
            #expect(h.firstDataRow == 4)
        }
    }

    @Test("rows that only look numeric are data: not counting up from 1, too few numbers without 甲/乙, or too few columns numbered")
    func numericDataIsNotANumberingRow() throws {
        let header = Self.row(1, [.text("序号"), .text("总投资"), .text("年度计划"), .text("本月完成")])
        for data in [
            Self.row(2, [.number("1"), .number("150000"), .number("30000"), .number("2500")]),
            Self.row(2, [.number("2"), .number("3"), .number("4"), .number("5")]),
            Self.row(2, [.number("1"), .number("2"), .empty, .empty]),
            Self.row(2, [.text("甲"), .text("兰盾"), .number("1"), .number("2")]),
            Self.row(2, [.text("甲"), .number("1"), .empty, .empty]),
        ] {
            let h = try #require(HeaderDetector().detect(rows: [header, data], merges: []))
            #expect(h.numberingRow == nil, "\(data.cells)")
            #expect(h.firstDataRow == 2)
        }
    }
}
