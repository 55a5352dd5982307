import DistrictTestSupport
import Foundation
import Spreadsheet
import Testing

/// The byte-level text write used by streaming exports: same cells as the `String` write, same checks.
@Suite struct WriterBytesTests {
    func cString(_ s: String) -> [CChar] { s.utf8.map { CChar(bitPattern: $0) } + [0] }

    @Test func bytesWriteTheSameTextAndRefuseBadBuffers() throws {
        let dir = TemporaryDirectory("wb")
        let path = dir.file("b.xlsx")
        let book = try XlsxWorkbook(path: path, options: .init(constantMemory: true, createdAt: 1_700_000_000))
        let ws = try book.addWorksheet("台账")
        let text = cString("二七区嵩山路科创产业园 =SUM(A1)")
        try text.withUnsafeBufferPointer { try ws.write(0, 0, utf8CString: $0, format: nil) }
        try cString("").withUnsafeBufferPointer { try ws.write(0, 1, utf8CString: $0, format: nil) }
        let unterminated: [CChar] = [65, 66]
        #expect(throws: XlsxError.self) { try unterminated.withUnsafeBufferPointer { try ws.write(1, 0, utf8CString: $0, format: nil) } }
        let innerNUL: [CChar] = [65, 0, 66, 0]
        #expect(throws: XlsxError.self) { try innerNUL.withUnsafeBufferPointer { try ws.write(1, 1, utf8CString: $0, format: nil) } }
        let long = cString(String(repeating: "字", count: 32_768))
        #expect(throws: XlsxError.self) { try long.withUnsafeBufferPointer { try ws.write(1, 2, utf8CString: $0, format: nil) } }
        let longest = cString(String(repeating: "字", count: 32_767))
        try longest.withUnsafeBufferPointer { try ws.write(2, 0, utf8CString: $0, format: nil) }
        try book.close()
        let r = try ProcessRunner.run("/usr/bin/python3", ["-c", """
            import sys
            from openpyxl import load_workbook
            ws = load_workbook(sys.argv[1])["台账"]
            print(ws["A1"].value, ws["A1"].data_type, ws["B1"].value, len(ws["A3"].value), sep="|")
            """, path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "二七区嵩山路科创产业园 =SUM(A1)|s|None|32767\n")
    }
}
