import DistrictTestSupport
import Testing
@testable import Spreadsheet

/// The import progress bar's ETA comes from how much of the file the reader has consumed.
@Suite("Read progress")
struct ReadProgressTests {
    @Test("a CSV reports the share of its bytes read, growing to 1 at the end, in UTF-8 and GB18030", arguments: ["utf-8", "gb18030"])
    func csvFraction(encoding: String) throws {
        let dir = TemporaryDirectory()
        let path = dir.file("big.csv")
        // 3 MiB and more, so the 1 MiB chunks are read one after another.
        let text = "项目编号,项目名称\n" + (0..<120_000).map { "410103001-2024-\($0),郑州市二七区产业园项目\n" }.joined()
        let bytes: [UInt8] = encoding == "utf-8" ? Array(text.utf8) : try #require(CSVSniffer.gb18030(text))
        try Fixtures.write(bytes, to: path)
        let file = try SpreadsheetFile.open(path: path)
        let reader = try file.makeRowReader(sheet: file.defaultSheet)
        var seen: [Double] = []
        var rows = 0
        while let _ = try reader.next() {
            rows += 1
            if rows % 20_000 == 0, let f = reader.fractionRead { seen.append(f) }
        }
        #expect(rows == 120_001)
        #expect(seen.count == 6)
        #expect(seen.first.map { $0 > 0 && $0 < 1 } == true, "\(seen)")
        #expect(seen == seen.sorted(), "never goes backwards: \(seen)")
        #expect(reader.fractionRead == 1)
    }

    @Test("an xlsx sheet has no byte fraction (its rows come out of a compressed stream)")
    func xlsxHasNone() throws {
        let file = try SpreadsheetFile.open(path: Fixtures.reader("features.xlsx"))
        let reader = try file.makeRowReader(sheet: file.defaultSheet)
        _ = try reader.next()
        #expect(reader.fractionRead == nil)
    }
}
