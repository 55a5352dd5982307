import DistrictTestSupport
import Testing
@testable import Spreadsheet

@Suite("xlsx reader")
struct XLSXReaderTests {
    let path = Fixtures.reader("features.xlsx")

    @Test("lists sheets in tab order with their hidden state")
    func sheets() throws {
        let file = try SpreadsheetFile.open(path: path)
        #expect(file.format == .xlsx)
        #expect(file.uses1904Dates == false)
        #expect(file.sheets == [
            SheetInfo(name: "项目清单", number: 1, visibility: .visible),
            SheetInfo(name: "隐藏表", number: 2, visibility: .hidden),
            SheetInfo(name: "深度隐藏", number: 3, visibility: .veryHidden),
            SheetInfo(name: "2", number: 4, visibility: .visible),
        ])
        #expect(file.defaultSheet.name == "项目清单")
    }

    @Test("picks sheets by name or 1-based number; a sheet named \"2\" wins over position 2")
    func selectors() throws {
        let file = try SpreadsheetFile.open(path: path)
        #expect(try file.sheet(.name("隐藏表")).number == 2)
        #expect(try file.sheet(.number(3)).name == "深度隐藏")
        #expect(try file.sheet(SheetSelector(argument: "2")).name == "2")
        #expect(try file.sheet(SheetSelector(argument: "1")).name == "项目清单")
        #expect(try Fixtures.rows(file, try file.sheet(.name("深度隐藏"))) == [SheetRow(number: 1, cells: [.text("深藏")])])
        let e = Fixtures.error { _ = try file.sheet(.name("汇总")) }
        #expect(e?.code == .sheetNotFound)
        #expect(e?.description == "文件「features.xlsx」：没有工作表「汇总」；文件中的工作表：1.「项目清单」、2.「隐藏表」、3.「深度隐藏」、4.「2」")
        #expect(Fixtures.error { _ = try file.sheet(.number(5)) }?.code == .sheetNotFound)
    }

    @Test("every cell type: shared, rich, inline, numbers, formulas' cached values, booleans, errors, dates, escapes, sparse cells")
    func cells() throws {
        let rows = try Fixtures.rows(try SpreadsheetFile.open(path: path))
        let expected: [SheetRow] = [
            SheetRow(number: 1, cells: [.t("二七区2024年重点项目建设进展情况表")]),
            SheetRow(number: 2, cells: [.t("填报单位：XX街道办事处"), .empty, .empty, .empty, .t("单位：万元")]),
            SheetRow(number: 3, cells: [.t("序号"), .t("项目名称"), .t("投资情况（万元）"), .empty, .empty, .t("开工日期")]),
            SheetRow(number: 4, cells: [.empty, .empty, .t("总投资"), .t("年度计划"), .t("本月完成")]),
            SheetRow(number: 5, cells: [.n("1"), .t("郑州 产业园"), .n("1234.5"), .n("2469"), .t("本月完成"),
                                        .date(SheetDate(year: 2024, month: 5, day: 31, serial: "45443"))]),
            SheetRow(number: 6, cells: [.n("2"), .empty, .n("-1E-3"), .bool(true), .error("#DIV/0!"),
                                        .date(SheetDate(year: 2024, month: 5, day: 31, hour: 12, serial: "45443.5"))]),
            SheetRow(number: 7, cells: [.t("内联"), .t("甲乙"), .t("A&B <测试> 中中"), .t("第一行\r\n第二行"),
                                        .date(SheetDate(year: 2023, month: 6, day: 30, serial: "45107")),
                                        .date(SheetDate(year: 2024, month: 5, day: 1, serial: "45413"))]),
            SheetRow(number: 9, cells: [.n("9"), .t("_x000D_ 字面"), .empty, .empty,
                                        .date(SheetDate(year: 2024, month: 5, day: 31, hour: 18, serial: "45443.75")),
                                        .bool(false), .n("100"), .t("  前后空格  ")]),
        ]
        #expect(rows.count == expected.count)
        for (got, want) in zip(rows, expected) { #expect(got == want) }
    }

    @Test("merged ranges: before reading (extra pass) and after the rows (same stream)")
    func merges() throws {
        let file = try SpreadsheetFile.open(path: path)
        let expected = [CellRange(firstRow: 1, firstColumn: 0, lastRow: 1, lastColumn: 5),
                        CellRange(firstRow: 3, firstColumn: 0, lastRow: 4, lastColumn: 0),
                        CellRange(firstRow: 3, firstColumn: 1, lastRow: 4, lastColumn: 1),
                        CellRange(firstRow: 3, firstColumn: 2, lastRow: 3, lastColumn: 4),
                        CellRange(firstRow: 3, firstColumn: 5, lastRow: 4, lastColumn: 5)]
        #expect(try file.merges(sheet: file.defaultSheet) == expected)
        #expect(try file.merges(sheet: file.defaultSheet).map(\.a1) == ["A1:F1", "A3:A4", "B3:B4", "C3:E3", "F3:F4"])
        let reader = try file.makeRowReader(sheet: file.defaultSheet)
        #expect(reader.merges.isEmpty)
        while try reader.next() != nil {}
        #expect(reader.merges == expected)
        #expect(try file.merges(sheet: try file.sheet(.number(2))).isEmpty)
    }

    @Test("1904 date system: serial 0 is 1904-01-01, 43800 is 2023-12-02; unstyled numbers stay numbers")
    func date1904() throws {
        let file = try SpreadsheetFile.open(path: Fixtures.reader("date1904.xlsx"))
        #expect(file.uses1904Dates)
        #expect(try Fixtures.rows(file) == [SheetRow(number: 1, cells: [
            .date(SheetDate(year: 1904, month: 1, day: 1, serial: "0")),
            .date(SheetDate(year: 2023, month: 12, day: 2, serial: "43800")),
            .n("43800"),
        ])])
    }

    @Test("date formats: built-in 14–22, 27–36, 45–47, 50–58; custom codes by letters outside quotes and brackets")
    func dateFormats() {
        for id in [14, 22, 27, 31, 36, 45, 47, 50, 57, 58] { #expect(DateFormats.isBuiltInDate(id), "\(id)") }
        for id in [0, 1, 2, 10, 11, 13, 23, 26, 37, 44, 48, 49, 59] { #expect(!DateFormats.isBuiltInDate(id), "\(id)") }
        for code in ["yyyy\"年\"m\"月\"d\"日\"", "yyyy/m/d", "[$-804]yyyy年m月", "h:mm:ss", "[h]:mm", "mm:ss.0", "d-mmm-yy"] {
            #expect(DateFormats.isDateFormat(code), "\(code)")
        }
        for code in ["0.00\"万元\"", "[Red]#,##0;[Blue]-#,##0", "#,##0.00_);(#,##0.00)", "@", "General", "\"days\"0", "0.0\\m"] {
            #expect(!DateFormats.isDateFormat(code), "\(code)")
        }
    }

    @Test("Excel serials: the fictitious 1900-02-29, serials before it, times rounded to the second")
    func serials() {
        #expect(ExcelDate.date(serial: "1", uses1904: false) == SheetDate(year: 1900, month: 1, day: 1, serial: "1"))
        #expect(ExcelDate.date(serial: "59", uses1904: false) == SheetDate(year: 1900, month: 2, day: 28, serial: "59"))
        #expect(ExcelDate.date(serial: "60", uses1904: false) == SheetDate(year: 1900, month: 2, day: 29, serial: "60"))
        #expect(ExcelDate.date(serial: "61", uses1904: false) == SheetDate(year: 1900, month: 3, day: 1, serial: "61"))
        #expect(ExcelDate.date(serial: "45443", uses1904: false) == SheetDate(year: 2024, month: 5, day: 31, serial: "45443"))
        #expect(ExcelDate.date(serial: "45443.999999999", uses1904: false) == SheetDate(year: 2024, month: 6, day: 1, serial: "45443.999999999"))
        #expect(ExcelDate.date(serial: "-1", uses1904: false) == nil)
        #expect(ExcelDate.date(serial: "2958466", uses1904: false) == nil)
    }
}

@Suite("xlsx reader, large sheet")
struct XLSXLargeSheetTests {
    @Test("a sheet several inflate chunks long: every cell intact across chunk ends (shared strings, numbers, dates)")
    func chunkBoundaries() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("大表.xlsx")
        let script = """
        import sys; sys.path.insert(0, sys.argv[2]); import xlsx_parts as X
        n = 60000
        sst = X.HEAD + '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + "".join(
            f"<si><t>项目{i}&amp;名称</t></si>" for i in range(n)) + "</sst>"
        styles = X.HEAD + '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>'
        rows = "".join(f'<row r="{i + 1}"><c r="A{i + 1}" t="s"><v>{i}</v></c><c r="B{i + 1}"><v>{i}.25</v></c>'
                       f'<c r="D{i + 1}" s="1"><v>{45000 + i % 1000}</v></c><c r="E{i + 1}" t="inlineStr"><is><t>行{i}</t></is></c></row>'
                       for i in range(n))
        X.write(sys.argv[1], [("Sheet1", None)], [X.sheet(rows, ["A1:B1"])], shared_xml=sst, styles_xml=styles)
        """
        let r = try ProcessRunner.run("/usr/bin/python3", ["-c", script, path, Fixtures.root + "/Tools"])
        #expect(r.status == 0, "\(r.stderr)")
        for spill in [false, true] {
            var options = ReadOptions()
            if spill { options.limits.sharedStringsInMemoryBytes = 0 }
            let file = try SpreadsheetFile.open(path: path, options: options)
            let rows = try Fixtures.rows(file)
            #expect(rows.count == 60_000)
            for (i, row) in rows.enumerated() {
                let want = SheetRow(number: i + 1, cells: [
                    .t("项目\(i)&名称"), .n("\(i).25"), .empty,
                    .date(ExcelDate.date(serial: "\(45000 + i % 1000)", uses1904: false)!), .t("行\(i)"),
                ])
                if row != want { #expect(row == want); break }
            }
            #expect(try file.merges(sheet: file.defaultSheet) == [CellRange(firstRow: 1, firstColumn: 0, lastRow: 1, lastColumn: 1)])
        }
    }
}
