import Foundation
import Spreadsheet
#if canImport(Glibc)
import Glibc
#endif

/// The xlsx side of the export benchmark: the same CSV → xlsx ledger as `shared/bench/c/xlsx_write.c`
/// (columns 8–10 numbers "0.00", column 11 a date, the rest strings, bold header, fixed widths), written
/// through DistrictSync's Swift face over libxlsxwriter, streaming the CSV. Prints the anchor's line.
enum ExportBenchmark {
    static let widths: [Double] = [24, 36, 14, 14, 10, 8, 8, 10, 10, 10, 11, 8, 14, 20, 50, 30]

    static func run(csv: String, out: String, constantMemory: Bool) throws {
        let t0 = ResourceUsage.monotonicSeconds()
        let book = try XlsxWorkbook(path: out, options: .init(constantMemory: constantMemory))
        let ws = try book.addWorksheet("重大项目")
        let header = try book.format(CellStyle(bold: true))
        let number = try book.format(CellStyle(numberFormat: "0.00"))
        let date = try book.format(CellStyle(numberFormat: "yyyy-mm-dd"))
        for (c, w) in widths.enumerated() { try ws.setColumn(c, c, width: w) }
        var row = 0
        try StreamingCSV.forEachRawRow(csv) { fields in
            guard fields.count == widths.count else { throw BenchError("row \(row) has \(fields.count) fields") }
            try fields.forEachField { c, f in
                if row == 0 { try ws.write(0, c, utf8CString: f, format: header); return }
                if f.count <= 1 { return }  // empty field: just its NUL
                switch c {
                case 7...9: try ws.write(row, c, strtod(f.baseAddress!, nil), format: number)
                case 10:
                    func n(_ r: Range<Int>) -> Int { f[r].reduce(0) { $0 * 10 + Int($1) - 48 } }
                    try ws.writeDate(row, c, year: n(0..<4), month: n(5..<7), day: n(8..<10), format: date)
                default: try ws.write(row, c, utf8CString: f, format: nil)
                }
            }
            row += 1
        }
        try book.close()
        let t1 = ResourceUsage.monotonicSeconds()
        let n = row - 1
        print("rows=\(n) phase_s=\(String(format: "%.3f", t1 - t0)) rows_per_s=\(Int(Double(n) / (t1 - t0))) peak_rss_mb=\(String(format: "%.1f", ResourceUsage.peakRSSMegabytes())) writer=dsync-swift-face")
    }
}
