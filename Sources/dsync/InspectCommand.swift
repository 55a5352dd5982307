import ArgumentParser
import Foundation
import Spreadsheet

/// `dsync inspect FILE`: what DistrictSync reads from a spreadsheet — sheets, merged ranges, the detected
/// header and the first rows as typed cells. The first tool when an import surprises someone.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "显示从表格文件（xlsx / CSV）读到的内容：工作表、合并单元格、识别出的表头和前几行的单元格。"
    )

    @Argument(help: "表格文件（.xlsx 或 .csv）")
    var file: String

    @Option(help: "工作表名称，或从 1 开始的序号（默认第一个可见工作表）")
    var sheet: String?

    @Option(help: "显示前几行（默认 10）")
    var rows: Int = 10

    @Option(help: "CSV 编码：utf-8、gb18030（含 GBK）、utf-16le、utf-16be（默认自动识别）")
    var encoding: String?

    @Flag(help: "输出机器可读的 JSON")
    var json = false

    func run() throws {
        try userFacing {
            var options = ReadOptions()
            if let encoding {
                guard let e = TextEncoding(name: encoding) else {
                    throw ValidationError("不支持的编码 \(encoding)；可选：utf-8、gb18030、gbk、utf-16le、utf-16be")
                }
                options.encoding = e
            }
            let book = try SpreadsheetFile.open(path: file, options: options)
            let chosen = try sheet.map { try book.sheet(SheetSelector(argument: $0)) } ?? book.defaultSheet
            let report = try InspectReport.make(file: book, sheet: chosen, rowLimit: max(0, rows))
            print(json ? try report.json() : report.text())
        }
    }
}
