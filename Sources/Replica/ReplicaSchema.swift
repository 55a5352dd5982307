internal import Domain
internal import MergeStore
internal import SQLiteDB

/// The SQL that lays out a replica: bookkeeping tables, one table per catalog entry, indexes and the
/// capture triggers that record writes made by other SQLite clients.
///
/// `PRAGMA user_version` holds the replica format version; `_ds_meta.catalog_version` the catalog's.
enum ReplicaSchema {
    /// The replica file format this build writes. Bump it and add a step to `formatSteps` to migrate.
    static let formatVersion = 3

    /// The `application_id` that marks a SQLite file as a DistrictSync replica ("DSRP").
    static let applicationID: Int32 = 0x4453_5250

    /// Format migrations, applied in order to files with a lower `user_version`.
    static let formatSteps: [(version: Int, sql: String)] = [
        (1, """
        CREATE TABLE _ds_meta (key TEXT PRIMARY KEY NOT NULL, value) WITHOUT ROWID;
        -- The outbox: local changes in capture order. unit: a column or group name, '*' rows created,
        -- '-' row deleted. Creations name rows by their stable _rid range (one entry covers a whole bulk
        -- import) and are read from the rows when pushed; updates and deletions name the row by row_id and
        -- their values live in _ds_history.
        CREATE TABLE _ds_log (
            seq INTEGER PRIMARY KEY,
            tbl TEXT NOT NULL,
            row_id TEXT,
            rid_from INTEGER,
            rid_to INTEGER,
            unit TEXT NOT NULL,
            hlc INTEGER NOT NULL
        );
        -- Changes the server refused, kept visible until the clerk fixes or withdraws them.
        CREATE TABLE _ds_rejected (
            tbl TEXT NOT NULL, row_id TEXT NOT NULL, unit TEXT NOT NULL, hlc INTEGER NOT NULL,
            code TEXT NOT NULL, reason TEXT NOT NULL, rejected_at INTEGER NOT NULL,
            PRIMARY KEY (tbl, row_id, unit, hlc)
        ) WITHOUT ROWID;
        -- A push batch being sent: re-sent as is after a crash or a dropped connection.
        CREATE TABLE _ds_inflight (
            seq INTEGER PRIMARY KEY, batch_id TEXT NOT NULL, body BLOB NOT NULL,
            next_log_seq INTEGER NOT NULL, next_rid INTEGER NOT NULL
        );
        """ + MergeSchema.historyDDL),
        (2, PeriodClosing.ddl),
        (3, ReplicaProvenance.ddl),
    ]

    /// Advances the stored hybrid clock past the wall clock and the last reading (same rule as
    /// `HybridClock.tick`), for writes captured by triggers.
    static let tickClock = """
        UPDATE _ds_meta SET value = max(value + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) << 16) WHERE key = 'hlc';
        """
    static let currentClock = "(SELECT value FROM _ds_meta WHERE key = 'hlc')"

    static func meta(_ key: String) -> String { "(SELECT value FROM _ds_meta WHERE key = '\(key)')" }

    /// Triggers capturing inserts, per-unit updates and deletes made by connections that run triggers.
    /// DistrictSync's own connection turns triggers off and records its writes itself, in the same
    /// transaction and with the same rows: the outbox entry, and for updates and deletions the history
    /// entry with what the edit was built on (`base`), saw (`seen`) and resolved (`resolves`).
    static func captureTriggers(_ table: Table) -> String {
        let t = table.name
        let tl = literal(t)
        let clock = currentClock, site = meta("site"), office = meta("office")
        func log(_ rowRef: String, _ unit: String) -> String {
            "INSERT INTO _ds_log (tbl, row_id, unit, hlc) VALUES (\(tl), \(rowRef), \(literal(unit)), \(clock));"
        }
        func logCreated(_ row: String) -> String {
            "INSERT INTO _ds_log (tbl, row_id, rid_from, rid_to, unit, hlc) VALUES (\(tl), \(row).id, \(row)._rid, \(row)._rid, '*', \(clock));"
        }
        func deletion(_ rowRef: String) -> String {
            """
            INSERT INTO _ds_history (tbl, row_id, unit, hlc, site, office, prior, value) VALUES (\(tl), \(rowRef), '-', \(clock), \(site), \(office), \
            \(MergeSchema.jsonObject(table.columnNames, prefix: "OLD.")), \(MergeSchema.lastSeenJSON(table: tl, row: rowRef)));
            """
        }
        var sql = dropTriggers(table)
        sql += "CREATE TRIGGER \(q("_ds_\(t)_ins")) AFTER INSERT ON \(q(t)) BEGIN \(tickClock) \(logCreated("NEW")) END;\n"
        sql += "CREATE TRIGGER \(q("_ds_\(t)_del")) AFTER DELETE ON \(q(t)) BEGIN \(tickClock) \(deletion("OLD.id")) \(log("OLD.id", MergeUnit.deleteName)) END;\n"
        // Changing a row's id is a deletion of the old row and a creation of the new one.
        sql += """
            CREATE TRIGGER \(q("_ds_\(t)_rekey")) AFTER UPDATE OF id ON \(q(t)) WHEN OLD.id IS NOT NEW.id BEGIN \
            \(tickClock) \(deletion("OLD.id")) \(log("OLD.id", MergeUnit.deleteName)) \(tickClock) \(logCreated("NEW")) END;\n
            """
        for unit in MergeUnit.units(of: table) {
            let u = literal(unit.name)
            let changed = unit.columns.map { "OLD.\(q($0)) IS NOT NEW.\(q($0))" }.joined(separator: " OR ")
            let latest = "FROM _ds_history WHERE tbl = \(tl) AND row_id = NEW.id AND unit = \(u) ORDER BY hlc DESC, site DESC LIMIT 1"
            sql += """
                CREATE TRIGGER \(q("_ds_\(t)_upd_\(unit.name)")) AFTER UPDATE OF \(unit.columns.map(q).joined(separator: ", ")) \
                ON \(q(t)) WHEN OLD.id IS NEW.id AND (\(changed)) BEGIN \(tickClock) \
                INSERT INTO _ds_history (tbl, row_id, unit, hlc, site, office, base_hlc, base_site, value, prior, resolves) \
                SELECT \(tl), NEW.id, \(u), \(clock), \(site), \(office), (SELECT hlc \(latest)), (SELECT site \(latest)), \
                \(MergeSchema.jsonObject(unit.columns, prefix: "NEW.")), \(MergeSchema.jsonObject(unit.columns, prefix: "OLD.")), \
                (SELECT json_group_array(json_array(loser_hlc, loser_site)) FROM _ds_conflict \
                 WHERE tbl = \(tl) AND row_id = NEW.id AND unit = \(u) AND resolved_hlc IS NULL HAVING count(*) > 0); \
                \(log("NEW.id", unit.name)) END;\n
                """
        }
        return sql
    }

    /// Drops every capture trigger of `table` (before re-creating them for a new catalog).
    static func dropTriggers(_ table: Table) -> String {
        var names = ["ins", "del", "rekey"].map { "_ds_\(table.name)_\($0)" }
        names += MergeUnit.units(of: table).map { "_ds_\(table.name)_upd_\($0.name)" }
        return names.map { "DROP TRIGGER IF EXISTS \(q($0));\n" }.joined()
    }

    static func q(_ s: String) -> String { Database.quote(s) }
    static func literal(_ s: String) -> String { MergeSchema.literal(s) }
}
