internal import Domain
internal import MergeStore
internal import SQLiteDB

/// The central store's own tables, beside the merged state, history and conflict log it shares with
/// replicas (`MergeSchema`).
enum CentralSchema {
    /// "DSCS": marks a SQLite file as a DistrictSync central store.
    static let applicationID: Int32 = 0x4453_4353
    static let formatVersion = 1

    static let ddl = """
        CREATE TABLE IF NOT EXISTS server_meta (key TEXT PRIMARY KEY NOT NULL, value) WITHOUT ROWID;
        -- Every accepted change in commit order: what pulls read. seq is assigned inside the one writing
        -- transaction, so a later seq never commits before an earlier one.
        CREATE TABLE IF NOT EXISTS feed (
            seq INTEGER PRIMARY KEY,
            district TEXT NOT NULL,
            tbl TEXT NOT NULL,
            row_id TEXT NOT NULL,
            unit TEXT NOT NULL,
            hlc INTEGER NOT NULL,
            site TEXT NOT NULL,
            change BLOB NOT NULL,
            received_at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS feed_district ON feed (district, seq);
        CREATE TABLE IF NOT EXISTS replicas (
            site TEXT PRIMARY KEY NOT NULL,
            office TEXT NOT NULL,
            push_seq INTEGER NOT NULL,
            first_seen INTEGER NOT NULL,
            last_push_at INTEGER
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS push_answers (
            site TEXT NOT NULL, seq INTEGER NOT NULL, batch_id TEXT NOT NULL, answer BLOB NOT NULL,
            PRIMARY KEY (site, seq)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS tokens (
            hash TEXT PRIMARY KEY NOT NULL, office TEXT NOT NULL, label TEXT, created_at INTEGER NOT NULL, revoked_at INTEGER
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS office_activity (
            office TEXT PRIMARY KEY NOT NULL, last_push_at INTEGER, last_pull_at INTEGER
        ) WITHOUT ROWID;
        """

    /// Run after `MergeSchema.historyDDL`.
    static let historyCleanupDDL = """
        -- A partial index a development build made (WHERE unit = '-'): with it, SQLite re-prepares every
        -- statement that compares `unit` to a parameter whenever that parameter changes (it checks whether
        -- the value makes the index usable), which halved the rate of everyday pushes.
        DROP INDEX IF EXISTS _ds_history_deletions;
        """
}
