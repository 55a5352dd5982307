import Foundation
import Reports
import SyncModel
import SyncServer

/// The city-wide reports `dsync serve` offers on its status page, built on demand from the central
/// store: a SQLite file read through its own connection (WAL lets it read while pushes merge), or a
/// snapshot of a PostgreSQL store's state tables taken for the request.
struct StoreReportProvider: ReportProvider {
    let store: String

    func report(code: String, period: String) async throws(SyncFailure) -> (fileName: String, bytes: [UInt8]) {
        guard let template = ReportCatalog.template(code) else {
            throw SyncFailure(status: 404, code: "reports.unknown", message: "没有报表「\(code)」；可用：\(ReportCatalog.all.map(\.code).joined(separator: "、"))")
        }
        guard let p = ReportPeriod(period) else {
            throw SyncFailure.badRequest("reports.period", "填报期「\(period)」格式不对，应为 YYYY-MM，例如 2024-05")
        }
        let path = NSTemporaryDirectory() + "dsync-report-\(UUID().uuidString).xlsx"
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let opened = try await ReportSourceLocation.open(store)
            defer { opened.close() }
            let context = try ReportContext(source: opened.source, period: p)
            try ReportExporter.export(template, context: context, to: path)
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            return ("\(template.code)-\(template.name)-\(p).xlsx", bytes)
        } catch {
            throw SyncFailure(status: 500, code: "reports.failed", message: "生成报表 \(template.code) 失败：\(error)")
        }
    }
}
