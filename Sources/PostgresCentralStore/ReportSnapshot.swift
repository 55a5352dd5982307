public import Domain
internal import CentralStore
internal import Foundation
internal import SQLiteDB
internal import SyncModel

/// City-wide reports read a SQLite central-store file. For a PostgreSQL store, ``snapshot(from:to:)``
/// copies what reports read — the merged state tables and each office's last sync — into a new file,
/// in one read transaction per table; the feed, history and tokens stay behind.
public enum ReportSnapshot {
    /// The tables a report reads: every catalog table plus `office_activity` (last sync per office).
    static func tables(_ catalog: Catalog) -> [StoreDump.TableSpec] {
        let wanted = Set(catalog.tables.map(\.name)).union(["office_activity"])
        return StoreDump.tables(catalog).filter { wanted.contains($0.name) }
    }

    /// Copies the report tables of the store at `source` (a `postgres://` URL or a store file) into a new
    /// SQLite central-store file at `destination`, which must not exist yet. Returns the rows copied.
    @discardableResult
    public static func snapshot(from source: String, to destination: String, catalog: Catalog = .standard,
                                units: [OrgUnitSeed] = ReferenceData.orgUnits) async throws -> Int {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw SyncFailure(status: 409, code: "snapshot.exists", message: "报表快照文件 \(destination) 已存在，未覆盖")
        }
        let src = try await StoreCopy.open(source, catalog: catalog, units: units, mustExist: true)
        do {
            let dst = try SQLiteEndpoint(path: destination, catalog: catalog, units: units)
            var copied = 0
            try await dst.write(meta: try await src.meta()) { insert in
                for spec in tables(catalog) {
                    try await src.forEachPage(spec, pageSize: StoreCopy.defaultPageSize) { rows in
                        try await insert(spec, rows)
                        copied += rows.count
                    }
                }
            }
            await src.close()
            return copied
        } catch {
            await src.close()
            try? FileManager.default.removeItem(atPath: destination)
            throw error
        }
    }
}
