public import Domain
internal import Foundation
public import MergeStore
public import SQLiteDB
public import SyncModel

/// The district's central store on one SQLite file (WAL): the log of every accepted change in commit
/// order (what pulls read), the merged current state of every table (what city-wide reports read), the
/// cell history and conflict log, the replicas' push positions and answers, and the hashed access tokens.
///
/// It is not thread-safe: one instance is owned by one actor (`SyncService`), which serialises writers the
/// way SQLite would anyway. It never logs personal data.
public final class SQLiteCentralStore {
    public let path: String
    public let catalog: Catalog
    public let units: [OrgUnitSeed]
    let db: Database
    let engine: MergeEngine
    /// Runs the WAL checkpoints in the background.
    let checkpointer: BackgroundCheckpointer
    /// The server's own site id (used for its clock readings).
    public let site: SiteID
    var clock: HybridClock
    /// The catalog indexed for validating pushed changes.
    lazy var rules = ValidationRules(catalog: catalog)
    /// Creations whose feed entries point at their state rows (`CreationRef`).
    var creationRefs: CreationRefs
    /// Offices' scopes, resolved once each from the registry.
    var scopes: [String: OfficeScope] = [:]

    /// Opens the store at `path`, creating it when missing.
    public init(path: String, catalog: Catalog = .standard, units: [OrgUnitSeed] = ReferenceData.orgUnits) throws {
        let exists = FileManager.default.fileExists(atPath: path)
        let db = try Database(path: path, mode: .create)
        if exists {
            let appID = try db.scalar("PRAGMA application_id")?.integer ?? 0
            guard appID == Int64(CentralSchema.applicationID) else {
                throw SyncFailure(status: 500, code: "store.not_a_store", message: "文件 \(path) 不是 DistrictSync 中心库，未做任何修改")
            }
        }
        // A new store gets 8 KiB pages (`newStorePageSize`). SQLite fixes the page size once the file has
        // content in WAL mode, so a store made by an older build keeps its 4 KiB and works as before.
        if !exists { try db.execute("PRAGMA page_size = \(Self.newStorePageSize)") }
        // A WAL that grew past 512 MB (behind a long reader) is cut back when it next starts over; below that
        // its file is kept, so the space one checkpoint interval (384 MB, below) uses is reused, not regrown.
        try db.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA journal_size_limit = 536870912;")
        try db.setTriggersEnabled(false)
        try db.transaction {
            if !exists { try db.execute("PRAGMA application_id = \(CentralSchema.applicationID)") }
            try db.execute(CentralSchema.ddl + MergeSchema.historyDDL + CentralSchema.historyCleanupDDL)
            // The central store names rows by id, never by `_rid` ranges: its state tables skip AUTOINCREMENT.
            try CreationRefs.prepare(db, catalog: catalog) {
                try MergeSchema.reconcileTables(db, catalog: catalog, ownerDefault: "", numbering: .plain)
            }
            if try db.scalar("SELECT value FROM server_meta WHERE key = 'site'") == nil {
                try db.run("INSERT INTO server_meta (key, value) VALUES ('site', ?), ('hlc', 0), ('catalog_version', ?)",
                           [.text(SiteID.random().hex), .integer(Int64(catalog.schemaVersion))])
            }
            try ReferenceIDs.seed(db, units: units)
        }
        self.path = path
        self.catalog = catalog
        self.units = units
        self.db = db
        self.engine = MergeEngine(db: db, catalog: catalog, creationTagColumn: CreationRef.column)
        self.creationRefs = CreationRefs(db: db)
        self.site = SiteID(hex: try db.scalar("SELECT value FROM server_meta WHERE key = 'site'")?.text ?? "") ?? .zero
        self.clock = HybridClock(last: HybridTimestamp(rawValue: try db.scalar("SELECT value FROM server_meta WHERE key = 'hlc'")?.integer ?? 0))
        // Checkpoints run on a thread of their own, never inside a push's commit: every 384 MB of WAL, so an
        // index page rewritten by many pushes is copied back once (32 MB → 96 MB: +5% bulk push, load p99
        // unchanged; 96 → 384 MB: store's serial path +7–13%, checkpoint writes −12%, `dsync-bench merge`).
        let pageSize = try db.scalar("PRAGMA page_size")?.integer ?? 4096
        self.checkpointer = try BackgroundCheckpointer(path: path, thresholdFrames: Self.checkpointFrames(pageSize: pageSize))
        checkpointer.attach(to: db)
        engine.willChangeRow = { [unowned self] table, rowID in try self.creationRefs.keep(table, rowID) }
    }

    deinit { checkpointer.stop() }

    /// The page size of a store this build creates. A bulk push rewrites most leaf pages of the random-key
    /// indexes in every transaction; on 8 KiB pages there are half as many to find and rewrite, and the WAL
    /// takes half as many frames (two write calls each) for about the same bytes. A 1M-row push: the serial
    /// path +6–10%, over loopback +3.5–6% (alternated runs); the 1,000-office load unchanged. 16 KiB pages
    /// gained no more and write twice the bytes for an everyday push's few rows.
    static let newStorePageSize = 8_192

    /// WAL bytes between background checkpoints: 384 MB, whatever the page size.
    static let checkpointIntervalBytes: Int64 = 384 << 20

    /// `checkpointIntervalBytes` in WAL frames of `pageSize` bytes.
    static func checkpointFrames(pageSize: Int64) -> Int32 { Int32(checkpointIntervalBytes / max(512, pageSize)) }

    /// The catalog version of this store.
    public var schemaVersion: Int { catalog.schemaVersion }

    /// Read-only SQL over the merged state (reports, tests).
    public func query(_ sql: String, _ values: [SQLValue] = []) throws -> [[SQLValue]] { try db.query(sql, values) }

    /// The conflict log over every district.
    public func conflicts() throws -> [ConflictRecord] { try engine.conflicts() }

    /// Copies the store with SQLite's online backup API.
    public func backup(to destination: String) throws { try db.backup(to: destination) }

    /// The scope of `office` (cached).
    func scope(of office: String) -> OfficeScope? {
        if let s = scopes[office] { return s }
        let s = OfficeScope(office: office, units: units)
        scopes[office] = s
        return s
    }

    func storeFailure(_ error: any Error) -> SyncFailure {
        if let f = error as? SyncFailure { return f }
        if let e = error as? DatabaseError, e.isDiskFull {
            return SyncFailure(status: 507, code: "store.disk_full", message: "服务器磁盘已满，本次同步未保存任何内容；请联系系统管理员")
        }
        return SyncFailure(status: 500, code: "store.error", message: "服务器存储出错，本次同步未保存任何内容，稍后会自动重试")
    }
}
