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

    /// Rows read and written per page: memory holds one page, however large the store.
    public static let defaultPageSize = 5_000

    /// Copies `source` into `destination` (paths or `postgres://` URLs), page by page in key order inside
    /// one destination transaction. Refuses a destination that already holds changes, tokens or replicas;
    /// a SQLite source must exist.
    public static func copy(from source: String, to destination: String, catalog: Catalog = .standard,
                            units: [OrgUnitSeed] = ReferenceData.orgUnits, pageSize: Int = defaultPageSize) async throws -> Report {
        let src = try await open(source, catalog: catalog, units: units, mustExist: true)
        do {
            let dst = try await open(destination, catalog: catalog, units: units, mustExist: false)
            do {
                guard try await dst.isEmpty() else {
                    throw SyncFailure(status: 409, code: "copy.destination_not_empty",
                                      message: "目标中心库 \(destination) 已有数据（修改、令牌或副本），为防止覆盖，未做任何复制；请指定一个新的空库")
                }
                let specs = StoreDump.tables(catalog)
                var sourceSums: [Sum] = []
                try await dst.write(meta: try await src.meta()) { insert in
                    for spec in specs {
                        var hasher = StoreDump.Hasher()
                        try await src.forEachPage(spec, pageSize: pageSize) { rows in
                            for r in rows { hasher.add(r) }
                            try await insert(spec, rows)
                        }
                        sourceSums.append(Sum(table: spec.name, rows: hasher.rows, sha256: hasher.finish()))
                    }
                }
                var destinationSums: [Sum] = []
                for spec in specs { destinationSums.append(try await sum(spec, of: dst, pageSize: pageSize)) }
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

    /// The checksum of one table, read page by page.
    static func sum(_ spec: StoreDump.TableSpec, of endpoint: any CopyEndpoint, pageSize: Int) async throws -> Sum {
        var hasher = StoreDump.Hasher()
        try await endpoint.forEachPage(spec, pageSize: pageSize) { rows in for r in rows { hasher.add(r) } }
        return Sum(table: spec.name, rows: hasher.rows, sha256: hasher.finish())
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

/// Inserts one page of rows into a table of the destination.
typealias PageInserter = (StoreDump.TableSpec, [[SQLValue]]) async throws -> Void

/// One side of a copy.
protocol CopyEndpoint: AnyObject {
    nonisolated(nonsending) func isEmpty() async throws -> Bool
    /// Up to `limit` rows of `spec` in key order, after the row whose key values are `after` (keyset
    /// pagination; every key column is NOT NULL).
    nonisolated(nonsending) func page(_ spec: StoreDump.TableSpec, after: [SQLValue]?, limit: Int) async throws -> [[SQLValue]]
    nonisolated(nonsending) func meta() async throws -> StoreMeta
    /// In one transaction: empties the state tables, lets `body` insert pages, then stores `meta`. Nothing
    /// is kept if `body` throws.
    nonisolated(nonsending) func write(meta: StoreMeta, _ body: (PageInserter) async throws -> Void) async throws
    nonisolated(nonsending) func close() async
}

extension CopyEndpoint {
    static var emptinessSQL: String {
        "SELECT (SELECT count(*) FROM feed) + (SELECT count(*) FROM tokens) + (SELECT count(*) FROM replicas) + (SELECT count(*) FROM _ds_history)"
    }

    /// Hands `body` every row of `spec`, one page at a time, in key order.
    nonisolated(nonsending) func forEachPage(_ spec: StoreDump.TableSpec, pageSize: Int, _ body: ([[SQLValue]]) async throws -> Void) async throws {
        let keyPositions = spec.key.compactMap { spec.columns.firstIndex(of: $0) }
        var after: [SQLValue]?
        while true {
            let rows = try await page(spec, after: after, limit: pageSize)
            if rows.isEmpty { return }
            try await body(rows)
            if rows.count < pageSize { return }
            after = keyPositions.map { rows[rows.count - 1][$0] }
        }
    }

    /// `SELECT … [WHERE (keys) > (placeholders)] ORDER BY keys LIMIT n` for one page.
    static func pageSQL(_ spec: StoreDump.TableSpec, after: Bool, limit: Int, quote: (String) -> String, collate: String,
                        placeholder: (Int) -> String) -> String {
        let keys = spec.key.map { quote($0) + (spec.textKeys.contains($0) ? collate : "") }
        var sql = "SELECT \(spec.columns.map(quote).joined(separator: ", ")) FROM \(quote(spec.name))"
        if after {
            sql += " WHERE (\(keys.joined(separator: ", "))) > (\(spec.key.indices.map { placeholder($0 + 1) }.joined(separator: ", ")))"
        }
        return sql + " ORDER BY \(keys.joined(separator: ", ")) LIMIT \(limit)"
    }
}

final class SQLiteEndpoint: CopyEndpoint {
    let store: SQLiteCentralStore
    let db: Database
    let catalog: Catalog

    init(path: String, catalog: Catalog, units: [OrgUnitSeed]) throws {
        store = try SQLiteCentralStore(path: path, catalog: catalog, units: units)
        // Feed entries that point at their state rows are written out whole: the copy carries every
        // change's bytes (the store means the same before and after).
        try store.writeOutCreationRefs()
        db = try Database(path: path)
        try db.setTriggersEnabled(false)
        self.catalog = catalog
    }

    func isEmpty() throws -> Bool { (try db.scalar(Self.emptinessSQL)?.integer ?? 0) == 0 }

    func page(_ spec: StoreDump.TableSpec, after: [SQLValue]?, limit: Int) throws -> [[SQLValue]] {
        try db.query(Self.pageSQL(spec, after: after != nil, limit: limit, quote: Database.quote, collate: "", placeholder: { "?\($0)" }), after ?? [])
    }

    func meta() throws -> StoreMeta {
        StoreMeta(site: try db.scalar("SELECT value FROM server_meta WHERE key = 'site'")?.text ?? "",
                  hlc: try db.scalar("SELECT value FROM server_meta WHERE key = 'hlc'")?.integer ?? 0)
    }

    func write(meta: StoreMeta, _ body: (PageInserter) async throws -> Void) async throws {
        try db.execute("BEGIN IMMEDIATE")
        do {
            for t in catalog.tables { try db.execute("DELETE FROM \(Database.quote(t.name))") }
            try await body { spec, rows in
                let sql = "INSERT INTO \(Database.quote(spec.name)) (\(spec.columns.map(Database.quote).joined(separator: ", "))) VALUES (\(spec.columns.map { _ in "?" }.joined(separator: ", ")))"
                for r in rows { try self.db.run(sql, r) }
            }
            try db.run("UPDATE server_meta SET value = ? WHERE key = 'hlc'", [.integer(meta.hlc)])
            try db.run("UPDATE server_meta SET value = ? WHERE key = 'site'", [.text(meta.site)])
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }

    func close() {}
}

final class PostgresEndpoint: CopyEndpoint {
    let store: PostgresCentralStore

    init(store: PostgresCentralStore) { self.store = store }

    func isEmpty() async throws -> Bool { (try await store.query(Self.emptinessSQL).first?.first?.integer ?? 0) == 0 }

    func page(_ spec: StoreDump.TableSpec, after: [SQLValue]?, limit: Int) async throws -> [[SQLValue]] {
        try await store.query(Self.pageSQL(spec, after: after != nil, limit: limit, quote: PG.quote, collate: " COLLATE \"C\"", placeholder: { "$\($0)" }),
                              after ?? [])
    }

    func meta() async throws -> StoreMeta {
        StoreMeta(site: try await store.query("SELECT value FROM server_meta WHERE key = 'site'").first?.first?.text ?? "",
                  hlc: try await store.query("SELECT hlc FROM feed_clock WHERE id = 1").first?.first?.integer ?? 0)
    }

    func write(meta: StoreMeta, _ body: (PageInserter) async throws -> Void) async throws {
        let catalog = store.catalog
        try await store.client.withTransaction(logger: store.logger) { conn in
            for t in catalog.tables { try await conn.rows("DELETE FROM \(PG.quote(t.name))") }
            try await body { spec, rows in try await conn.insert(into: spec.name, columns: spec.columns, rows: rows) }
            try await conn.rows("UPDATE feed_clock SET last_seq = (SELECT coalesce(max(seq), 0) FROM feed), hlc = $1 WHERE id = 1", [.integer(meta.hlc)])
            try await conn.rows("UPDATE server_meta SET value = $1 WHERE key = 'site'", [.text(meta.site)])
        }
    }

    func close() async { await store.close() }
}
