import ArgumentParser
import Foundation
import Reports

/// `dsync export REPORT --period YYYY-MM`: an official xlsx submission (R1–R6) from the replica or, with
/// `--store`, city-wide from a central store.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "导出上报报表（R1 重点项目进展、R2 四库汇总、R3 签约台账、R4 线索台账、R5 目标任务通报、R6 红黄蓝绿督查清单）。")

    @Argument(help: "报表代码：R1–R6")
    var report: String

    @Option(name: .long, help: "填报期 YYYY-MM，例如 2023-06")
    var period: String

    @Option(name: .shortAndLong, help: "输出文件（默认 报表代码-填报期.xlsx）")
    var output: String?

    @Option(name: .long, help: "从中心库导出（SQLite 文件或 postgres:// 地址；全市或 --unit 指定的区、单位）")
    var store: String?

    @Option(name: .long, help: "填报单位代码（默认：副本的单位；中心库为全市 410100）")
    var unit: String?

    @Option(name: .long, help: "文件创建时间（Unix 秒），固定后输出逐字节可复现")
    var createdAt: Int?

    @OptionGroup var lights: LightRuleOptions

    @OptionGroup var location: ReplicaLocation

    func run() async throws {
        try await userFacing {
            guard let template = ReportCatalog.template(report) else {
                let list = ReportCatalog.all.map { "\($0.code) \($0.name)" }.joined(separator: "；")
                throw ValidationError("没有报表「\(report)」。可用：\(list)")
            }
            guard let p = ReportPeriod(period) else { throw ValidationError("填报期「\(period)」格式不对，应为 YYYY-MM，例如 2023-06") }
            let opened = try await ReportSourceLocation.open(store ?? location.path)
            defer { opened.close() }
            let context = try ReportContext(source: opened.source, period: p, unitCode: unit, lightRule: try lights.rule())
            let path = output ?? "\(template.code)-\(p).xlsx"
            try ReportExporter.export(template, context: context, to: path, createdAt: createdAt)
            print("已导出 \(template.code) \(template.name)（\(context.unit.name)，\(p)）：\(path)")
        }
    }
}

/// `dsync export-csv TABLE -o FILE`: one table as CSV for Excel (BOM, formula-injection protected).
struct ExportCSVCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-csv", abstract: "把一张数据表导出为 CSV（UTF-8 带 BOM，防公式注入）。")

    @Argument(help: "数据表名或中文名，例如 project 或 项目")
    var table: String

    @Option(name: .shortAndLong, help: "输出文件")
    var output: String

    @Option(name: .long, help: "从中心库导出（SQLite 文件或 postgres:// 地址）")
    var store: String?

    @Option(name: .long, help: "只导出该单位（及其下级）的行")
    var unit: String?

    @OptionGroup var location: ReplicaLocation

    func run() async throws {
        try await userFacing {
            let opened = try await ReportSourceLocation.open(store ?? location.path)
            defer { opened.close() }
            let owners = unit.map { opened.source.codes(under: $0) }
            let n = try TableCSVExporter.export(table: table, from: opened.source, owners: owners, to: output)
            print("已导出 \(n) 行：\(output)")
        }
    }
}
