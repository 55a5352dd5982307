import Testing
@testable import Spreadsheet

/// Each hostile input ends in one clear SpreadsheetError (never a crash, never unbounded memory).
@Suite("hostile files")
struct HostileFileTests {
    func readAll(_ path: String, options: ReadOptions = ReadOptions()) throws {
        let file = try SpreadsheetFile.open(path: path, options: options)
        _ = try Fixtures.rows(file)
    }

    @Test("zip bomb (64 MB of blanks in 64 KB): refused by the compression ratio before inflating")
    func zipBomb() throws {
        let file = try SpreadsheetFile.open(path: Fixtures.hostile("zip_bomb.xlsx"))
        let e = Fixtures.error { _ = try file.makeRowReader(sheet: file.defaultSheet) }
        #expect(e?.code == .zipBomb)
        #expect(e?.description.contains("文件「zip_bomb.xlsx」：部件 xl/worksheets/sheet1.xml 压缩比为") == true)
        #expect(e?.description.contains("超过 200:1 的上限（疑似“压缩炸弹”）") == true)
        #expect(Fixtures.error { _ = try file.merges(sheet: file.defaultSheet) }?.code == .zipBomb)
    }

    @Test("a bomb whose ratio only shows while inflating is stopped by the streaming counter")
    func streamingRatio() throws {
        var options = ReadOptions()
        options.limits.maxCompressionRatio = 2_000   // the up-front check passes…
        options.limits.ratioFloorBytes = 1 << 20
        let file = try SpreadsheetFile.open(path: Fixtures.hostile("zip_bomb.xlsx"), options: options)
        options.limits.maxUnpackedBytes = 8 << 20    // …but the total budget does not
        let tight = try SpreadsheetFile.open(path: Fixtures.hostile("zip_bomb.xlsx"), options: options)
        #expect(Fixtures.error { _ = try Fixtures.rows(tight) }?.code == .zipTooLarge)
        #expect(try Fixtures.rows(file) == [SheetRow(number: 1, cells: [.n("1")])])
    }

    @Test("billion laughs: any <!DOCTYPE> is refused")
    func billionLaughs() throws {
        let file = try SpreadsheetFile.open(path: Fixtures.hostile("billion_laughs.xlsx"))
        let e = Fixtures.error { _ = try Fixtures.rows(file) }
        #expect(e?.code == .xmlDoctype)
        #expect(e?.description == "文件「billion_laughs.xlsx」：部件 xl/worksheets/sheet1.xml 含有 <!DOCTYPE> 声明（Excel 从不写入，可能是“实体膨胀”攻击文件），拒绝读取")
    }

    @Test("truncated zip: no directory → clear error on open")
    func truncated() {
        let e = Fixtures.error { _ = try SpreadsheetFile.open(path: Fixtures.hostile("truncated.xlsx")) }
        #expect(e?.code == .zipTruncated)
        #expect(e?.description.hasPrefix("文件「truncated.xlsx」：文件不完整或已损坏") == true)
    }

    @Test("corrupt deflate data: clear error while reading")
    func corrupt() throws {
        let file = try SpreadsheetFile.open(path: Fixtures.hostile("corrupt.xlsx"))
        let e = Fixtures.error { _ = try Fixtures.rows(file) }
        #expect(e?.code == .zipCorrupt)
        #expect(e?.description.contains("部件 xl/worksheets/sheet1.xml") == true)
    }

    @Test("too many zip entries (10,002) → refused on open")
    func tooManyEntries() {
        let e = Fixtures.error { _ = try SpreadsheetFile.open(path: Fixtures.large + "/too_many_entries.xlsx") }
        #expect(e?.code == .zipTooManyEntries)
        #expect(e?.description == "文件「too_many_entries.xlsx」：压缩包内有 10002 个文件，超过 10000 个的上限，不像正常的 xlsx 文件")
    }

    @Test("10 MB inline-string cell: error names sheet, row and column")
    func hugeInlineCell() throws {
        let file = try SpreadsheetFile.open(path: Fixtures.large + "/cell_10mb_inline.xlsx")
        let reader = try file.makeRowReader(sheet: file.defaultSheet)
        #expect(try reader.next() == SheetRow(number: 1, cells: [.n("1")]))
        let e = Fixtures.error { _ = try reader.next() }
        #expect(e?.code == .cellTooLong)
        #expect(e?.sheet == "大单元格")
        #expect(e?.row == 2)
        #expect(e?.column == 2)
        #expect(e?.description.hasPrefix("文件「cell_10mb_inline.xlsx」工作表「大单元格」第 2 行 C 列：单元格 C2 的文字约有") == true)
    }

    @Test("10 MB shared string: the table keeps its length only; the cell using it is the error")
    func hugeSharedCell() throws {
        let file = try SpreadsheetFile.open(path: Fixtures.large + "/cell_10mb_shared.xlsx")
        let reader = try file.makeRowReader(sheet: file.defaultSheet)
        #expect(try reader.next() == SheetRow(number: 1, cells: [.t("短")]))
        let e = Fixtures.error { _ = try reader.next() }
        #expect(e?.code == .cellTooLong)
        #expect(e?.row == 3)
        #expect(e?.column == 3)
        #expect(e?.description.contains("第 3 行 D 列：单元格 D3 的文字约有") == true)
    }

    @Test("10 MB CSV field: error names row and column")
    func hugeCSVField() {
        let e = Fixtures.error { try readAll(Fixtures.large + "/cell_10mb.csv") }
        #expect(e?.code == .cellTooLong)
        #expect(e?.row == 2)
        #expect(e?.column == 1)
        #expect(e?.description.hasPrefix("文件「cell_10mb.csv」第 2 行 B 列：单元格文字有 10485") == true)
    }

    @Test("16,384 columns (A…XFD) read; XFE is one too many")
    func columns() throws {
        let rows = try Fixtures.rows(try SpreadsheetFile.open(path: Fixtures.large + "/columns_16384.xlsx"))
        #expect(rows.count == 1)
        #expect(rows[0].cells.count == 16_384)
        #expect(rows[0][16_383] == .n("16383"))
        #expect(rows[0][702] == .n("702"))
        #expect(ColumnName.letters(16_383) == "XFD")
        let e = Fixtures.error { try readAll(Fixtures.hostile("column_xfe.xlsx")) }
        #expect(e?.code == .tooManyColumns)
        #expect(e?.row == 1)
        #expect(e?.column == 16_384)
        #expect(e?.description == "文件「column_xfe.xlsx」工作表「Sheet1」第 1 行 XFE 列：单元格 XFE1 超出最后一列 XFD（共 16384 列）")
    }

    @Test("legacy .xls and .et (OLE2): save-as-xlsx error", arguments: ["legacy.xls", "legacy.et"])
    func legacy(name: String) {
        let e = Fixtures.error { _ = try SpreadsheetFile.open(path: Fixtures.hostile(name)) }
        #expect(e?.code == .legacyExcel)
        #expect(e?.description == "文件「\(name)」：这是旧版 Excel（.xls）或 WPS（.et）格式，无法读取；请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入")
    }

    @Test("text named .xlsx is not read as CSV")
    func notZip() {
        let e = Fixtures.error { _ = try SpreadsheetFile.open(path: Fixtures.hostile("not_zip.xlsx")) }
        #expect(e?.code == .notSpreadsheet)
    }

    @Test("cell count bound and zip-entry bound are configurable limits with clear errors")
    func lowerLimits() {
        var options = ReadOptions()
        options.limits.maxCells = 20
        let e = Fixtures.error { try readAll(Fixtures.reader("features.xlsx"), options: options) }
        #expect(e?.code == .tooManyCells)
        #expect(e?.row == 6)
        var few = ReadOptions()
        few.limits.maxZipEntries = 5
        #expect(Fixtures.error { try readAll(Fixtures.reader("features.xlsx"), options: few) }?.code == .zipTooManyEntries)
    }

    @Test("missing file: clear error")
    func missing() {
        let e = Fixtures.error { _ = try SpreadsheetFile.open(path: "/nonexistent/清单.xlsx") }
        #expect(e?.code == .fileUnreadable)
        #expect(e?.description == "文件「清单.xlsx」：文件不存在")
    }

    @Test("large shared-string tables spill to a memory-mapped file and read the same")
    func spilledStrings() throws {
        var options = ReadOptions()
        options.limits.sharedStringsInMemoryBytes = 0
        let spilled = try Fixtures.rows(try SpreadsheetFile.open(path: Fixtures.reader("features.xlsx"), options: options))
        let inMemory = try Fixtures.rows(try SpreadsheetFile.open(path: Fixtures.reader("features.xlsx")))
        #expect(spilled == inMemory)
        #expect(spilled.count == 8)
    }
}
