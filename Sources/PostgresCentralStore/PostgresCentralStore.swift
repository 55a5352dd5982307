public import CentralStore
public import Domain
internal import Foundation
internal import Logging
public import MergeStore
internal import PostgresNIO
public import SQLiteDB
public import SyncModel

/// The central store on PostgreSQL: the same tables and the same semantics as `SQLiteCentralStore`, for
/// networks that outgrow one machine. Several `dsync serve` instances may share one database:
///
/// - a push locks its replica (advisory lock on the site id), then every row it touches (advisory locks
///   taken in one sorted order, so two pushes never deadlock), merges those rows in a scratch SQLite
///   database with the shared `MergeEngine`, and writes the result back — no read-decide-write race;
/// - feed positions are handed out at the very end of the transaction from the locked row `feed_clock`,
///   held until commit, so positions follow commit order and a pull never skips a late committer.
///
/// Thread-safe: every call takes a pooled connection and its own scratch database.
public final class PostgresCentralStore: CentralStore, Sendable {
    public let url: PostgresURL
    public let catalog: Catalog
    public let units: [OrgUnitSeed]
    let client: PostgresClient
    let runner: Task<Void, Never>
    let scratch: ScratchPool
    let scopes: [String: OfficeScope]
    /// The catalog's validation rules, built once for every push.
    let rules: ValidationRules
    let logger = Logger(label: "dsync.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    public var schemaVersion: Int { catalog.schemaVersion }
    public var location: String { url.redacted }

    private init(url: PostgresURL, catalog: Catalog, units: [OrgUnitSeed], maxConnections: Int) {
        var config = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable)
        config.options.maximumConnections = maxConnections
        config.options.minimumConnections = 0
        let client = PostgresClient(configuration: config)
        self.url = url
        self.catalog = catalog
        self.units = units
        self.client = client
        self.runner = Task { await client.run() }
        self.scratch = ScratchPool(catalog: catalog)
        self.rules = ValidationRules(catalog: catalog)
        var scopes: [String: OfficeScope] = [:]
        for u in units { scopes[u.unitCode] = OfficeScope(office: u.unitCode, units: units) }
        self.scopes = scopes
    }

    /// Connects to the database at `url`, creating the store's tables when missing (under an advisory
    /// lock, so instances starting together do not race).
    public static func open(
        _ url: PostgresURL, catalog: Catalog = .standard, units: [OrgUnitSeed] = ReferenceData.orgUnits, maxConnections: Int = 8
    ) async throws -> PostgresCentralStore {
        let store = PostgresCentralStore(url: url, catalog: catalog, units: units, maxConnections: maxConnections)
        do {
            try await store.createSchema()
        } catch {
            await store.close()
            throw SyncFailure(status: 500, code: "store.unreachable", message: "无法连接或初始化 PostgreSQL 中心库 \(url.redacted)：\(Self.describe(error))")
        }
        return store
    }

    private func createSchema() async throws {
        // Reference rows, seeded into a scratch database by the same code replicas use, then copied.
        let seed = try ScratchMerge(catalog: catalog)
        try ReferenceIDs.seed(seed.db, units: units)
        try await client.withTransaction(logger: logger) { conn in
            try await conn.rows("SELECT pg_advisory_xact_lock(0, 0)")
            try await conn.execute(script: PostgresSchema.ddl)
            for table in self.catalog.tables { try await conn.execute(script: PostgresSchema.stateDDL(table)) }
            if try await conn.scalar("SELECT value FROM server_meta WHERE key = 'site'") == nil {
                try await conn.rows("INSERT INTO server_meta (key, value) VALUES ('site', $1), ('catalog_version', $2), ('format', $3)",
                                    [.text(SiteID.random().hex), .text(String(self.catalog.schemaVersion)), .text(String(PostgresSchema.formatVersion))])
            }
            if let orgUnit = self.catalog.table("org_unit") {
                let columns = PostgresSchema.stateColumns(orgUnit)
                let rows = try seed.db.query("SELECT \(columns.map(Database.quote).joined(separator: ", ")) FROM org_unit ORDER BY id")
                try await conn.insert(into: "org_unit", columns: columns, rows: rows, suffix: "ON CONFLICT (id) DO NOTHING")
            }
        }
    }

    public func close() async {
        runner.cancel()
        await runner.value
    }

    /// Runs `body` on a pooled connection.
    func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await client.withConnection { conn in try await body(conn) }
    }

    /// Read-only SQL over the merged state (`$1` placeholders; tests, reports).
    public func query(_ sql: String, _ values: [SQLValue] = []) async throws -> [[SQLValue]] {
        try await withConnection { try await $0.rows(sql, values) }
    }

    public func currentRow(table: String, id: String) async throws -> [String: CellValue]? {
        guard let t = catalog.table(table) else { return nil }
        let columns = Array(PostgresSchema.stateColumns(t).dropFirst())
        guard let row = try await query("SELECT \(columns.map(PG.quote).joined(separator: ", ")) FROM \(PG.quote(table)) WHERE id = $1", [.text(id)]).first
        else { return nil }
        return Dictionary(uniqueKeysWithValues: zip(columns, row.map(CellValue.init)))
    }

    public func conflicts() async throws -> [ConflictRecord] {
        let rows = try await query("""
            SELECT \(PostgresSchema.conflictColumns.joined(separator: ", ")) FROM _ds_conflict
            ORDER BY resolved_hlc IS NOT NULL, tbl COLLATE "C", row_id COLLATE "C", unit COLLATE "C", loser_hlc, loser_site COLLATE "C"
            """)
        // Decoded by the scratch SQLite database: the very reader the SQLite store uses.
        return try await scratch.with { s in
            try s.load("_ds_conflict", columns: PostgresSchema.conflictColumns, rows: rows)
            return try s.engine.conflicts()
        }
    }

    func scope(of office: String) -> OfficeScope? { scopes[office] }

    /// A `SyncFailure` for any error from a store call (the HTTP layer turns it into the reply).
    func storeFailure(_ error: any Error) -> SyncFailure {
        if let f = error as? SyncFailure { return f }
        if let t = error as? PostgresTransactionError, let inner = t.closureError { return storeFailure(inner) }
        return SyncFailure(status: 500, code: "store.error", message: "服务器存储出错，本次同步未保存任何内容，稍后会自动重试")
    }

    /// Whether `error` is a deadlock or serialization failure worth one more try.
    static func isRetryable(_ error: any Error) -> Bool {
        if let t = error as? PostgresTransactionError {
            return [t.closureError, t.commitError].compactMap { $0 }.contains(where: isRetryable)
        }
        guard let e = error as? PSQLError, let code = e.serverInfo?[.sqlState] else { return false }
        return code == "40P01" || code == "40001"
    }

    static func describe(_ error: any Error) -> String {
        if let e = error as? PSQLError, let message = e.serverInfo?[.message] { return message }
        if let t = error as? PostgresTransactionError {
            if let inner = t.closureError ?? t.beginError ?? t.commitError { return describe(inner) }
        }
        return String(describing: error)
    }
}
