import Foundation
import PostgresCentralStore
import Reports

/// Opens what a report reads: a replica or SQLite central-store file directly; a PostgreSQL store through
/// a snapshot of its state tables in a temporary SQLite file, removed by ``close()``.
final class ReportSourceLocation {
    let source: ReportSource
    private let snapshotDirectory: String?

    private init(source: ReportSource, snapshotDirectory: String?) {
        self.source = source
        self.snapshotDirectory = snapshotDirectory
    }

    /// Opens `location` (a file path or a `postgres://` URL).
    static func open(_ location: String) async throws -> ReportSourceLocation {
        guard PostgresURL.isPostgres(location) else { return ReportSourceLocation(source: try ReportSource(path: location), snapshotDirectory: nil) }
        let dir = NSTemporaryDirectory() + "dsync-report-snapshot-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        do {
            let path = dir + "/central.db"
            try await ReportSnapshot.snapshot(from: location, to: path)
            let name = PostgresURL(location)?.redacted ?? "PostgreSQL"
            return ReportSourceLocation(source: try ReportSource(path: path, displayName: name), snapshotDirectory: dir)
        } catch {
            try? FileManager.default.removeItem(atPath: dir)
            throw error
        }
    }

    /// Removes the snapshot, if one was made.
    func close() {
        if let snapshotDirectory { try? FileManager.default.removeItem(atPath: snapshotDirectory) }
    }
}
