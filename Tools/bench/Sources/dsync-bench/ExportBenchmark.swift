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

/// The fields of one CSV row as NUL-terminated UTF-8 in one reused buffer (no `String` per field).
struct RawCSVRow {
    var bytes: [CChar] = []
    var starts: [Int] = []

    var count: Int { starts.count }

    /// Calls `body` with each field's index and bytes (terminating NUL included), in order.
    func forEachField(_ body: (Int, UnsafeBufferPointer<CChar>) throws -> Void) throws {
        try bytes.withUnsafeBufferPointer { all in
            for i in 0..<starts.count {
                let end = i + 1 < starts.count ? starts[i + 1] : all.count
                try body(i, UnsafeBufferPointer(rebasing: all[starts[i]..<end]))
            }
        }
    }
}

/// An RFC 4180 reader that streams a file in 1 MiB chunks (quoted fields, `""`, CRLF); memory stays
/// bounded like the C anchor's streaming mode.
enum StreamingCSV {
    /// Hands each row's fields to `body` as NUL-terminated bytes in one reused buffer.
    static func forEachRawRow(_ path: String, _ body: (RawCSVRow) throws -> Void) throws {
        guard let file = fopen(path, "rb") else { throw BenchError("cannot open \(path)") }
        defer { fclose(file) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var row = RawCSVRow()
        row.bytes.reserveCapacity(4096)
        row.starts.reserveCapacity(16)
        var quoted = false, afterQuote = false, inField = false
        func beginFieldIfNeeded() { if !inField { row.starts.append(row.bytes.count); inField = true } }
        func endField() { beginFieldIfNeeded(); row.bytes.append(0); inField = false }
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n == 0 { break }
            try chunk.withUnsafeBufferPointer { buf in
                var i = 0
                while i < n {
                    let b = buf[i]
                    if quoted {
                        beginFieldIfNeeded()
                        if b == 34 { quoted = false; afterQuote = true } else { row.bytes.append(CChar(bitPattern: b)) }
                    } else if b == 34 {
                        beginFieldIfNeeded()
                        if afterQuote { row.bytes.append(34) }
                        quoted = true
                        afterQuote = false
                    } else {
                        afterQuote = false
                        if b == 44 {
                            endField()
                        } else if b == 10 {
                            endField()
                            try body(row)
                            row.bytes.removeAll(keepingCapacity: true)
                            row.starts.removeAll(keepingCapacity: true)
                        } else if b != 13 {
                            beginFieldIfNeeded()
                            var j = i
                            while j < n, buf[j] != 44, buf[j] != 10, buf[j] != 13, buf[j] != 34 { j += 1 }
                            UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buf)[i..<j]).withMemoryRebound(to: CChar.self) { row.bytes.append(contentsOf: $0) }
                            i = j
                            continue
                        }
                    }
                    i += 1
                }
            }
        }
        if inField || !row.starts.isEmpty { endField(); try body(row) }
    }
}
