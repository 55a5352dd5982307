internal import CentralStore
public import Domain
internal import Foundation
internal import MergeStore
internal import PostgresNIO
internal import SQLiteDB
internal import SyncModel

/// `dsync store copy SRC DST`: moves a whole central store between a SQLite file and PostgreSQL (either
/// direction, or like to like) — feed, state, history, conflicts, replicas and their stored answers,
/// tokens, activity and the server clock — into an empty destination, then verifies by checksums over the
/// canonical dump (`StoreDump`) read back from both sides.
public enum StoreCopy {
    /// One table's row count and SHA-256.
    public struct Sum: Sendable, Equatable {
        public let table: String
        public let rows: Int
        public let sha256: String
    }

    /// What a copy did: the checksums of the source and of the destination as read back.
    public struct Report: Sendable {
        public let source: [Sum]
        public let destination: [Sum]
        public var verified: Bool { source == destination }
    }

    /// Copies `source` into `destination` (paths or `postgres://` URLs). Refuses a destination that
    /// already holds changes, tokens or replicas; a SQLite source must exist.
    public static func copy(from source: String, to destination: String, catalog: Catalog = .standard,
                            units: [OrgUnitSeed] = ReferenceData.orgUnits) async throws -> Report {
        let src = try await open(source, catalog: catalog, units: units, mustExist: true)
        do {
            let dst = try await open(destination, catalog: catalog, units: units, mustExist: false)
            do {
                guard try await dst.isEmpty() else {
                    throw SyncFailure(status: 409, code: "copy.destination_not_empty",
                                      message: "目标中心库 \(destination) 已有数据（修改、令牌或副本），为防止覆盖，未做任何复制；请指定一个新的空库")
                }
                let specs = StoreDump.tables(catalog)
                var data: [(StoreDump.TableSpec, [[SQLValue]])] = []
                var sourceSums: [Sum] = []
                for spec in specs {
                    let rows = try await src.read(spec)
                    data.append((spec, rows))
                    sourceSums.append(sum(spec.name, rows))
                }
                try await dst.write(data, meta: try await src.meta())
                var destinationSums: [Sum] = []
                for spec in specs { destinationSums.append(sum(spec.name, try await dst.read(spec))) }
                await dst.close()
                await src.close()
                return Report(source: sourceSums, destination: destinationSums)
            } catch {
                await dst.close()
                throw error
            }
        } catch {
            await src.close()
            throw error
        }
    }

    static func sum(_ table: String, _ rows: [[SQLValue]]) -> Sum {
        var h = StoreDump.Hasher()
        for r in rows { h.add(r) }
        return Sum(table: table, rows: h.rows, sha256: h.finish())
    }

    static func open(_ location: String, catalog: Catalog, units: [OrgUnitSeed], mustExist: Bool) async throws -> any CopyEndpoint {
        if PostgresURL.isPostgres(location) {
            guard let url = PostgresURL(location) else {
                throw SyncFailure(status: 400, code: "store.bad_url", message: "无法识别的 PostgreSQL 地址 \(location)；格式为 postgres://用户@主机:端口/数据库")
            }
            return PostgresEndpoint(store: try await PostgresCentralStore.open(url, catalog: catalog, units: units))
        }
        if mustExist && !FileManager.default.fileExists(atPath: location) {
            throw SyncFailure(status: 404, code: "copy.source_missing", message: "源中心库文件 \(location) 不存在")
        }
        return try SQLiteEndpoint(path: location, catalog: catalog, units: units)
    }
}

/// The server's identity and clock, carried across a copy.
struct StoreMeta: Sendable {
    var site: String
    var hlc: Int64
}

/// One side of a copy.
protocol CopyEndpoint: AnyObject {
    nonisolated(nonsending) func isEmpty() async throws -> Bool
    nonisolated(nonsending) func read(_ spec: StoreDump.TableSpec) async throws -> [[SQLValue]]
    nonisolated(nonsending) func meta() async throws -> StoreMeta
    /// Replaces the state tables and fills the rest, in one transaction.
    nonisolated(nonsending) func write(_ data: [(StoreDump.TableSpec, [[SQLValue]])], meta: StoreMeta) async throws
    nonisolated(nonsending) func close() async
}

extension CopyEndpoint {
    static var emptinessSQL: String {
        "SELECT (SELECT count(*) FROM feed) + (SELECT count(*) FROM tokens) + (SELECT count(*) FROM replicas) + (SELECT count(*) FROM _ds_history)"
    }
}

final class SQLiteEndpoint: CopyEndpoint {
    let store: SQLiteCentralStore
    let db: Database
    let catalog: Catalog

    init(path: String, catalog: Catalog, units: [OrgUnitSeed]) throws {
        store = try SQLiteCentralStore(path: path, catalog: catalog, units: units)
        db = try Database(path: path)
        try db.setTriggersEnabled(false)
        self.catalog = catalog
    }

    func isEmpty() throws -> Bool { (try db.scalar(Self.emptinessSQL)?.integer ?? 0) == 0 }

    func read(_ spec: StoreDump.TableSpec) throws -> [[SQLValue]] {
        try db.query(StoreDump.selectSQL(spec, quote: Database.quote))
    }

    func meta() throws -> StoreMeta {
        StoreMeta(site: try db.scalar("SELECT value FROM server_meta WHERE key = 'site'")?.text ?? "",
                  hlc: try db.scalar("SELECT value FROM server_meta WHERE key = 'hlc'")?.integer ?? 0)
    }

    func write(_ data: [(StoreDump.TableSpec, [[SQLValue]])], meta: StoreMeta) throws {
        try db.transaction {
            for t in catalog.tables { try db.execute("DELETE FROM \(Database.quote(t.name))") }
            for (spec, rows) in data {
                let sql = "INSERT INTO \(Database.quote(spec.name)) (\(spec.columns.map(Database.quote).joined(separator: ", "))) VALUES (\(spec.columns.map { _ in "?" }.joined(separator: ", ")))"
                for r in rows { try db.run(sql, r) }
            }
            try db.run("UPDATE server_meta SET value = ? WHERE key = 'hlc'", [.integer(meta.hlc)])
            try db.run("UPDATE server_meta SET value = ? WHERE key = 'site'", [.text(meta.site)])
        }
    }

    func close() {}
}

final class PostgresEndpoint: CopyEndpoint {
    let store: PostgresCentralStore

    init(store: PostgresCentralStore) { self.store = store }

    func isEmpty() async throws -> Bool { (try await store.query(Self.emptinessSQL).first?.first?.integer ?? 0) == 0 }

    func read(_ spec: StoreDump.TableSpec) async throws -> [[SQLValue]] {
        try await store.query(StoreDump.selectSQL(spec, quote: PG.quote, collate: " COLLATE \"C\""))
    }

    func meta() async throws -> StoreMeta {
        StoreMeta(site: try await store.query("SELECT value FROM server_meta WHERE key = 'site'").first?.first?.text ?? "",
                  hlc: try await store.query("SELECT hlc FROM feed_clock WHERE id = 1").first?.first?.integer ?? 0)
    }

    func write(_ data: [(StoreDump.TableSpec, [[SQLValue]])], meta: StoreMeta) async throws {
        let catalog = store.catalog
        try await store.client.withTransaction(logger: store.logger) { conn in
            for t in catalog.tables { try await conn.rows("DELETE FROM \(PG.quote(t.name))") }
            for (spec, rows) in data { try await conn.insert(into: spec.name, columns: spec.columns, rows: rows) }
            try await conn.rows("UPDATE feed_clock SET last_seq = (SELECT coalesce(max(seq), 0) FROM feed), hlc = $1 WHERE id = 1", [.integer(meta.hlc)])
            try await conn.rows("UPDATE server_meta SET value = $1 WHERE key = 'site'", [.text(meta.site)])
        }
    }

    func close() async { await store.close() }
}
