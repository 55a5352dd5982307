/// A report: its code (`R1`), its name, and how to build its sheets from a context.
///
/// A template only queries and arranges values; layout, fonts, print setup and file writing are the
/// renderer's. A new report (R7, or a district's variant) is a new conforming type added to
/// ``ReportCatalog/all``.
public protocol ReportTemplate: Sendable {
    var code: String { get }
    var name: String { get }
    func sheets(_ context: ReportContext) throws -> [ReportSheet]
}

/// The shipped reports.
public enum ReportCatalog {
    public static let all: [any ReportTemplate] = [
        KeyProjectProgressReport(), PoolSummaryReport(), SigningLedgerReport(), LeadLedgerReport(),
        TargetBulletinReport(), SupervisionLightReport(),
    ]

    /// The template with this code (`R1`… case-insensitive), or nil.
    public static func template(_ code: String) -> (any ReportTemplate)? {
        all.first { $0.code.caseInsensitiveCompare(code) == .orderedSame }
    }
}

/// Produces a report file: builds the template's sheets and writes them with the renderer.
public enum ReportExporter {
    /// Writes report `code` for `context` to `path`. `createdAt` fixes the file's creation time.
    public static func export(_ template: any ReportTemplate, context: ReportContext, to path: String, createdAt: Int? = nil) throws {
        let sheets = try template.sheets(context)
        try ReportRenderer().write(sheets, dataState: try context.dataStateLine(), to: path, createdAt: createdAt, author: context.unit.name)
    }
}
