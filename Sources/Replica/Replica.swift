public import Domain
internal import MergeStore
public import SyncModel
public import SQLiteDB
#if canImport(Glibc)
import Glibc
#endif

/// One office's local SQLite replica: the catalog's tables, the office's site id and hybrid clock, and a
/// change log that records every insert, per-unit update and delete in the same transaction as the write.
///
/// Writes made through `write(_:)` are logged by DistrictSync itself (its connection runs no triggers, the
/// fast path); writes made by any other SQLite client (the `sqlite3` shell, a desktop viewer) are logged by
/// triggers. Remote changes applied with `apply(_:)` are never logged as local ones.
/// A `Replica` must never be shared between threads; open one per task.
public final class Replica {
    /// The replica file.
    public let path: String
    public let catalog: Catalog
    /// This replica's identity (unique per file).
    public let site: SiteID
    /// The code of the office this replica belongs to (its rows are owned by it).
    public let office: String
    let db: Database
    var clock: HybridClock
    /// The wall clock the replica stamps edits with (replaceable in tests to force clock ties).
    public var wallClock: @Sendable () -> Int64 = { WallClock.nowMillis() }
    /// The merge engine over this replica's connection (history, conflicts, remote changes).
    lazy var engine = MergeEngine(db: db, catalog: catalog)

    private init(path: String, catalog: Catalog, db: Database) throws {
        self.path = path
        self.catalog = catalog
        self.db = db
        let meta = try ReplicaMeta.read(db)
        guard let site = SiteID(hex: meta["site"]?.text ?? "") else {
            throw ReplicaError.notAReplica(path, cause: "site id missing")
        }
        self.site = site
        self.office = meta["office"]?.text ?? ""
        self.clock = HybridClock(last: HybridTimestamp(rawValue: meta["hlc"]?.integer ?? 0))
    }

    /// Opens an existing replica, migrating an older file format or catalog in place.
    public static func open(at path: String, catalog: Catalog = .standard, cacheMegabytes: Int = defaultCacheMegabytes) throws -> Replica {
        guard fileExists(path) else { throw ReplicaError.missing(path) }
        let db: Database
        do { db = try Database(path: path, mode: .readWrite) } catch { throw ReplicaError.notAReplica(path, cause: "\(error)") }
        try ReplicaMigrator.verifyIsReplica(db, path: path)
        try ReplicaMigrator.migrate(db, path: path, catalog: catalog)
        try db.setTriggersEnabled(false)
        // A page cache large enough for the indexes a bulk import touches at random (the default 2 MB
        // makes a 100k-row import re-read index pages from the WAL over and over).
        try db.execute("PRAGMA cache_size = -\(cacheMegabytes * 1024)")
        // Checkpoint every 32 MB of WAL rather than SQLite's 4 MB: a clone or an import of a million rows
        // then syncs the disk an eighth as often (a 400k-row clone took 13 % less time).
        try db.execute("PRAGMA wal_autocheckpoint = 8192")
        let replica = try Replica(path: path, catalog: catalog, db: db)
        try replica.rebuildCloneIndexes()  // a clone cut short left them out
        return replica
    }

    /// Creates the replica of `office` at `path`, or opens it when it already exists for that office.
    ///
    /// Creation is all-or-nothing: the file is built under a temporary name and renamed into place, so a
    /// failure or a kill leaves nothing half-made. `units` is the reference registry the office must be in;
    /// it is stored in `org_unit`.
    public static func create(
        at path: String, office: String, units: [OrgUnitSeed] = ReferenceData.orgUnits, catalog: Catalog = .standard
    ) throws -> Replica {
        guard units.contains(where: { $0.unitCode == office }) else { throw ReplicaError.unknownOffice(office) }
        if fileExists(path) {
            let existing = try open(at: path, catalog: catalog)
            guard existing.office == office else {
                throw ReplicaError.otherOffice(path, existing: existing.office, requested: office)
            }
            return existing
        }
        let temp = path + ".creating-\(SiteID.random().hex.prefix(8))"
        do {
            try build(at: temp, office: office, units: units, catalog: catalog)
        } catch {
            removeFiles(temp)
            if let e = error as? DatabaseError, e.code == 14 || e.code == 8 || e.code == 13 {
                throw ReplicaError.unwritable(path, cause: e.message)  // CANTOPEN, READONLY, FULL
            }
            throw error
        }
        guard rename(temp, path) == 0 else {
            removeFiles(temp)
            throw ReplicaError.unwritable(path, cause: "rename failed, errno \(errno)")
        }
        return try open(at: path, catalog: catalog)
    }

    private static func build(at temp: String, office: String, units: [OrgUnitSeed], catalog: Catalog) throws {
        let db = try Database(path: temp, mode: .create)
        try db.execute("PRAGMA journal_mode = WAL; PRAGMA application_id = \(ReplicaSchema.applicationID);")
        try db.setTriggersEnabled(false)
        try db.transaction {
            try ReplicaMigrator.applyFormatSteps(db, from: 0)
            try ReplicaMeta.write(db, [
                "site": .text(SiteID.random().hex), "office": .text(office), "hlc": .integer(0),
                "created_at": .integer(WallClock.nowMillis()), "out_seq": .integer(0), "out_rid": .integer(0),
                "push_seq": .integer(0), "pull_cursor": .integer(0), "conflicts_seq": .integer(0),
            ])
            try ReplicaMigrator.reconcile(db, catalog: catalog, office: office)
            try ReferenceIDs.seed(db, units: units)
        }
        // Closing a WAL database checkpoints it, so the renamed file is complete on its own.
    }

    private static func removeFiles(_ base: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(base + suffix) }
    }

    /// Whether a file exists at `path`.
    public static func fileExists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// The SQLite page cache a replica connection uses, in MiB.
    public static let defaultCacheMegabytes = 64

    /// The current hybrid-clock reading persisted in the replica.
    public var lastClock: HybridTimestamp { clock.last }

    /// Runs read-only SQL against the replica (reports, tests, the CLI).
    public func query(_ sql: String, _ values: [SQLValue] = []) throws -> [[SQLValue]] {
        try db.query(sql, values)
    }

    /// Copies the replica with SQLite's online backup API.
    public func backup(to destination: String) throws { try db.backup(to: destination) }
}
