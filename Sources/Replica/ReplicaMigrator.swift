internal import Domain
internal import MergeStore
internal import SQLiteDB

/// Brings a replica file up to this build's format and catalog: versioned, idempotent, in one transaction.
enum ReplicaMigrator {
    /// Refuses files that are not DistrictSync replicas (another app's database, a text file, …).
    static func verifyIsReplica(_ db: Database, path: String) throws {
        let appID: Int64
        do { appID = try db.scalar("PRAGMA application_id")?.integer ?? 0 } catch {
            throw ReplicaError.notAReplica(path, cause: "\(error)")
        }
        guard appID == Int64(ReplicaSchema.applicationID) else { throw ReplicaError.notAReplica(path) }
    }

    static func migrate(_ db: Database, path: String, catalog: Catalog) throws {
        let version = try db.userVersion
        guard version <= ReplicaSchema.formatVersion else {
            throw ReplicaError.tooNew(path, version: version, supported: ReplicaSchema.formatVersion)
        }
        let stored = Int(try db.scalar("SELECT value FROM _ds_meta WHERE key = 'catalog_version'")?.integer ?? 0)
        guard stored <= catalog.schemaVersion else {
            throw ReplicaError(code: "replica.catalog_too_new",
                               message: "副本的数据表版本 \(stored) 比本程序的 \(catalog.schemaVersion) 新，请升级 dsync")
        }
        if version == ReplicaSchema.formatVersion && stored == catalog.schemaVersion { return }
        try db.setTriggersEnabled(false)
        let office = try db.scalar("SELECT value FROM _ds_meta WHERE key = 'office'")?.text ?? ""
        try db.transaction {
            try applyFormatSteps(db, from: version)
            try reconcile(db, catalog: catalog, office: office)
        }
    }

    static func applyFormatSteps(_ db: Database, from version: Int) throws {
        for step in ReplicaSchema.formatSteps where step.version > version {
            try db.execute(step.sql)
            try db.setUserVersion(step.version)
        }
    }

    /// Makes the tables, columns, indexes and capture triggers match `catalog`. Additive: columns and
    /// tables the catalog no longer names are kept (their data is never dropped by a migration).
    static func reconcile(_ db: Database, catalog: Catalog, office: String) throws {
        try MergeSchema.reconcileTables(db, catalog: catalog, ownerDefault: office)
        for table in catalog.tables {
            let old = try db.query(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name LIKE '\\_ds\\_%' ESCAPE '\\'",
                [.text(table.name)]
            ).compactMap { $0[0].text }
            for name in old { try db.execute("DROP TRIGGER \(Database.quote(name))") }
            try db.execute(ReplicaSchema.captureTriggers(table))
        }
        try ReplicaMeta.write(db, ["catalog_version": .integer(Int64(catalog.schemaVersion))])
        db.clearStatementCache()
    }
}
