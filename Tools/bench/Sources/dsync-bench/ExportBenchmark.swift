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
        try StreamingCSV.forEachRow(csv) { fields in
            guard fields.count == widths.count else { throw BenchError("row \(row) has \(fields.count) fields") }
            if row == 0 {
                for (c, f) in fields.enumerated() { try ws.write(0, c, f, format: header) }
            } else {
                for (c, f) in fields.enumerated() where !f.isEmpty {
                    switch c {
                    case 7...9: try ws.write(row, c, strtod(f, nil), format: number)
                    case 10:
                        let u = Array(f.utf8)
                        func n(_ r: Range<Int>) -> Int { u[r].reduce(0) { $0 * 10 + Int($1) - 48 } }
                        try ws.writeDate(row, c, year: n(0..<4), month: n(5..<7), day: n(8..<10), format: date)
                    default: try ws.write(row, c, f, format: nil)
                    }
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

/// An RFC 4180 reader that streams a file in 1 MiB chunks (quoted fields, `""`, CRLF), handing each
/// row's fields to `body`; memory stays bounded like the C anchor's streaming mode.
enum StreamingCSV {
    static func forEachRow(_ path: String, _ body: ([String]) throws -> Void) throws {
        guard let file = fopen(path, "rb") else { throw BenchError("cannot open \(path)") }
        defer { fclose(file) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var row: [String] = []
        row.reserveCapacity(16)
        var field: [UInt8] = []
        field.reserveCapacity(256)
        var quoted = false, afterQuote = false
        func endField() {
            row.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n == 0 { break }
            try chunk.withUnsafeBufferPointer { buf in
                var i = 0
                while i < n {
                    let b = buf[i]
                    if quoted {
                        if b == 34 { quoted = false; afterQuote = true } else { field.append(b) }
                    } else if b == 34 {
                        if afterQuote { field.append(34) }  // "" inside a quoted field
                        quoted = true
                        afterQuote = false
                    } else {
                        afterQuote = false
                        if b == 44 {
                            endField()
                        } else if b == 10 {
                            endField()
                            try body(row)
                            row.removeAll(keepingCapacity: true)
                        } else if b != 13 {
                            // Fast path: copy the run of plain bytes up to the next delimiter at once.
                            var j = i
                            while j < n, buf[j] != 44, buf[j] != 10, buf[j] != 13, buf[j] != 34 { j += 1 }
                            field.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<j]))
                            i = j
                            continue
                        }
                    }
                    i += 1
                }
            }
        }
        if !field.isEmpty || !row.isEmpty { endField(); try body(row) }
    }
}
