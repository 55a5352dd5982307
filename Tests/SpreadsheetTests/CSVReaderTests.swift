import DistrictTestSupport
import Foundation
import Testing
@testable import Spreadsheet

@Suite("CSV reader")
struct CSVReaderTests {
    static let text = "项目编号,项目名称,总投资（万元）\n001,\"郑州, 产业园\",\"1,234.5\"\n"
    static let expected = [
        SheetRow(number: 1, cells: [.t("项目编号"), .t("项目名称"), .t("总投资（万元）")]),
        SheetRow(number: 2, cells: [.t("001"), .t("郑州, 产业园"), .t("1,234.5")]),
    ]

    func read(_ bytes: [UInt8], name: String = "t.csv", options: ReadOptions = ReadOptions()) throws -> (SpreadsheetFile, [SheetRow]) {
        let dir = TemporaryDirectory()
        let path = dir.file(name)
        try Fixtures.write(bytes, to: path)
        let file = try SpreadsheetFile.open(path: path, options: options)
        return (file, try Fixtures.rows(file))
    }

    static func utf16(_ s: String, bigEndian: Bool) -> [UInt8] {
        s.utf16.flatMap { u in bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)] }
    }

    @Test("encodings detected: UTF-8, UTF-8 with BOM, GB18030, UTF-16LE/BE with BOM — same cells every time",
          arguments: ["utf-8", "utf-8-bom", "gb18030", "utf-16le", "utf-16be"])
    func encodings(kind: String) throws {
        let bytes: [UInt8]
        let want: TextEncoding
        switch kind {
        case "utf-8": bytes = Array(Self.text.utf8); want = .utf8
        case "utf-8-bom": bytes = [0xEF, 0xBB, 0xBF] + Array(Self.text.utf8); want = .utf8
        case "gb18030": bytes = try #require(CSVSniffer.gb18030(Self.text)); want = .gb18030
        case "utf-16le": bytes = [0xFF, 0xFE] + Self.utf16(Self.text, bigEndian: false); want = .utf16LE
        default: bytes = [0xFE, 0xFF] + Self.utf16(Self.text, bigEndian: true); want = .utf16BE
        }
        let (file, rows) = try read(bytes)
        #expect(file.format == .csv)
        #expect(file.encoding == want)
        #expect(file.delimiter == 0x2C)
        #expect(file.sheets == [SheetInfo(name: "t", number: 1, visibility: .visible)])
        #expect(rows == Self.expected)
    }

    @Test("GB18030 bytes of GBK text: 项目 is CF EE C4 BF")
    func gbkBytes() throws {
        #expect(CSVSniffer.gb18030("项目") == [0xCF, 0xEE, 0xC4, 0xBF])
    }

    @Test("delimiter detected: comma, tab, semicolon", arguments: [(",", UInt8(0x2C)), ("\t", UInt8(0x09)), (";", UInt8(0x3B))])
    func delimiters(separator: String, byte: UInt8) throws {
        let text = ["名称\(separator)金额\(separator)备注", "甲\(separator)1,5\(separator)", "乙\(separator)2\(separator)x"].joined(separator: "\n")
        let (file, rows) = try read(Array(text.utf8))
        #expect(file.delimiter == byte)
        if byte == 0x2C {
            #expect(rows[1].cells == [.t("甲"), .t("1"), .t("5")])
        } else {
            #expect(rows == [SheetRow(number: 1, cells: [.t("名称"), .t("金额"), .t("备注")]),
                             SheetRow(number: 2, cells: [.t("甲"), .t("1,5")]),
                             SheetRow(number: 3, cells: [.t("乙"), .t("2"), .t("x")])])
        }
    }

    @Test("RFC 4180: CRLF, LF and CR line ends, quoted line breaks, doubled quotes; row numbers count records")
    func quoting() throws {
        let text = "a,b\r\n\"第一行\r\n第二行\",\"他说\"\"好\"\"\"\rx,\"\"\ny,\"z\"tail\n"
        let (_, rows) = try read(Array(text.utf8))
        #expect(rows == [
            SheetRow(number: 1, cells: [.t("a"), .t("b")]),
            SheetRow(number: 2, cells: [.t("第一行\r\n第二行"), .t("他说\"好\"")]),
            SheetRow(number: 3, cells: [.t("x")]),
            SheetRow(number: 4, cells: [.t("y"), .t("ztail")]),
        ])
    }

    @Test("ragged rows fixture: rows keep their own length, blank lines are skipped but counted")
    func ragged() throws {
        let file = try SpreadsheetFile.open(path: Fixtures.hostile("ragged.csv"))
        #expect(try Fixtures.rows(file) == [
            SheetRow(number: 1, cells: [.t("a"), .t("b"), .t("c")]),
            SheetRow(number: 2, cells: [.t("1"), .t("2"), .t("3"), .t("4"), .t("5")]),
            SheetRow(number: 3, cells: [.t("x"), .t("y")]),
            SheetRow(number: 5, cells: [.t("multi\nline"), .t("say \"hi\"")]),
        ])
    }

    @Test("streams a file larger than the read chunk: records straddling chunk ends are intact")
    func chunkBoundaries() throws {
        var text = "编号,名称,说明\n"
        for i in 1...60_000 { text += "\(i),项目\(i),\"第\(i)行\n含换行, 逗号和\"\"引号\"\"\"\n" }
        let (_, rows) = try read(Array(text.utf8))
        #expect(rows.count == 60_001)
        for i in [1, 7_777, 29_999, 60_000] {
            #expect(rows[i] == SheetRow(number: i + 1, cells: [.t("\(i)"), .t("项目\(i)"), .t("第\(i)行\n含换行, 逗号和\"引号\"")]))
        }
    }

    @Test("GB18030 file larger than the chunk decodes across chunk ends")
    func gbLarge() throws {
        var text = "编号,名称\n"
        for i in 1...80_000 { text += "\(i),郑州市二七区项目\(i)\n" }
        let (file, rows) = try read(try #require(CSVSniffer.gb18030(text)))
        #expect(file.encoding == .gb18030)
        #expect(rows.count == 80_001)
        #expect(rows[80_000] == SheetRow(number: 80_001, cells: [.t("80000"), .t("郑州市二七区项目80000")]))
    }

    @Test("encoding override: gbk names GB18030; a GBK file forced to UTF-8 is an error naming the row and column")
    func override() throws {
        let gb = try #require(CSVSniffer.gb18030(Self.text))
        let (file, rows) = try read(gb, options: ReadOptions(encoding: TextEncoding(name: "GBK")))
        #expect(file.encoding == .gb18030)
        #expect(rows == Self.expected)
        let e = Fixtures.error { _ = try read(gb, name: "清单.csv", options: ReadOptions(encoding: .utf8)) }
        #expect(e?.code == .encodingInvalid)
        #expect(e?.row == 1)
        #expect(e?.column == 0)
        #expect(e?.description.hasPrefix("文件「清单.csv」第 1 行 A 列：含有不是 UTF-8 的字节") == true)
    }

    @Test("UTF-8 start, GBK bytes after the first megabyte: error names the row, nothing guessed")
    func lateInvalidBytes() throws {
        var bytes = Array("a,b\n".utf8)
        for i in 0..<100_000 { bytes += Array("\(i),ascii\n".utf8) }
        bytes += Array("x,".utf8) + [0xD7, 0xEE] + Array("\n".utf8)
        let e = Fixtures.error { _ = try read(bytes) }
        #expect(e?.code == .encodingInvalid)
        #expect(e?.row == 100_002)
        #expect(e?.column == 1)
    }

    @Test("wrong encoding fixture (Windows-1252): neither UTF-8 nor GB18030 is a clear error")
    func wrongEncoding() {
        let e = Fixtures.error { _ = try SpreadsheetFile.open(path: Fixtures.hostile("wrong_encoding.csv")) }
        #expect(e?.code == .encodingUnknown)
        #expect(e?.description == "文件「wrong_encoding.csv」：无法识别文件编码：既不是 UTF-8，也不是 GB18030/GBK；请确认这是文本表格（CSV），或用 --encoding 指定编码")
    }

    @Test("invalid GB18030 bytes in a GB18030 file: error with the row")
    func invalidGB() throws {
        var bytes = try #require(CSVSniffer.gb18030("名称,金额\n甲,1\n"))
        bytes += [0xFF, 0x2C, 0x31, 0x0A]
        let e = Fixtures.error { _ = try read(bytes, options: ReadOptions(encoding: .gb18030)) }
        #expect(e?.code == .encodingInvalid)
        #expect(e?.row == 3)
    }
}
