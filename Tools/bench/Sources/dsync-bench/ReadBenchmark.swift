import Foundation
import Spreadsheet

/// `dsync-bench read [--header-rows H] [--sheet S] FILE`: reads every cell of a CSV or xlsx sheet through the
/// Spreadsheet readers and counts them. Prints the anchors' line (rows = data rows below the header, like
/// shared/bench/anchors/xlsx_read.py), plus cells and the sum of column 8 (总投资) as a cross-check.
enum ReadBenchmark {
    static func run(path: String, headerRows: Int, sheet: String?) throws {
        let start = ResourceUsage.monotonicSeconds()
        let file = try SpreadsheetFile.open(path: path)
        let chosen = try sheet.map { try file.sheet(SheetSelector(argument: $0)) } ?? file.sheets[0]
        let reader = try file.makeRowReader(sheet: chosen)
        var rows = 0
        var cells = 0
        var sum = 0.0
        while let row = try reader.next() {
            for cell in row.cells {
                if case .empty = cell { continue }
                cells += 1
            }
            guard row.number > headerRows else { continue }
            rows += 1
            switch row[7] {
            case .number(let n), .text(let n): sum += Double(n) ?? 0
            default: break
            }
        }
        let seconds = ResourceUsage.monotonicSeconds() - start
        print(String(format: "rows=%d phase_s=%.3f rows_per_s=%.0f peak_rss_mb=%.1f cells=%d sum_total=%.2f",
                     rows, seconds, Double(rows) / seconds, ResourceUsage.peakRSSMegabytes(), cells, sum))
    }
}
