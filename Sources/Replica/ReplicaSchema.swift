internal import Domain
internal import SQLiteDB

/// The SQL that lays out a replica: bookkeeping tables, one table per catalog entry, indexes and the
/// capture triggers that record writes made by other SQLite clients.
///
/// `PRAGMA user_version` holds the replica format version; `_ds_meta.catalog_version` the catalog's.
enum ReplicaSchema {
    /// The replica file format this build writes. Bump it and add a step to `formatSteps` to migrate.
    static let formatVersion = 1

    /// The `application_id` that marks a SQLite file as a DistrictSync replica ("DSRP").
    static let applicationID: Int32 = 0x4453_5250

    /// Format migrations, applied in order to files with a lower `user_version`.
    static let formatSteps: [(version: Int, sql: String)] = [
        (1, """
        CREATE TABLE _ds_meta (key TEXT PRIMARY KEY NOT NULL, value) WITHOUT ROWID;
        -- Local changes in capture order. unit: a column or group name, '*' rows created, '-' row deleted.
        -- Creations name the rows by their stable _rid range (one entry covers a whole bulk import);
        -- updates and deletions by row_id. kept/kept_value: the value at the time of the change, filled
        -- in only when a remote change is about to overwrite a not-yet-pushed local one (otherwise the
        -- current row holds it).
        CREATE TABLE _ds_log (
            seq INTEGER PRIMARY KEY,
            tbl TEXT NOT NULL,
            row_id TEXT,
            rid_from INTEGER,
            rid_to INTEGER,
            unit TEXT NOT NULL,
            hlc INTEGER NOT NULL,
            kept INTEGER NOT NULL DEFAULT 0,
            kept_value
        );
        -- The winning clock of every cell known to have changed (merge state).
        CREATE TABLE _ds_clock (
            tbl TEXT NOT NULL,
            row_id TEXT NOT NULL,
            unit TEXT NOT NULL,
            hlc INTEGER NOT NULL,
            site TEXT NOT NULL,
            PRIMARY KEY (tbl, row_id, unit)
        ) WITHOUT ROWID;
        """),
    ]

    /// The hidden integer key of every replicated table: stable (an explicit INTEGER PRIMARY KEY survives
    /// VACUUM), so a range of it can name the rows one bulk insert created.
    static let ridColumn = "_rid"

    /// SQL that creates `table` with its indexes.
    static func createTable(_ table: Table, ownerDefault: String) -> String {
        var cols = [
            "\(q(ridColumn)) INTEGER PRIMARY KEY",
            "\(q(Table.idColumn)) TEXT NOT NULL UNIQUE DEFAULT (\(uuidExpression))",
            "\(q(Table.ownerColumn)) TEXT NOT NULL DEFAULT \(literal(ownerDefault))",
        ]
        cols += table.fields.map { "\(q($0.name)) \($0.type.sqliteType)" }
        var sql = "CREATE TABLE \(q(table.name)) (\n  " + cols.joined(separator: ",\n  ") + "\n);\n"
        sql += createIndexes(table)
        return sql
    }

    /// `CREATE INDEX IF NOT EXISTS` for the natural key and declared indexes (never UNIQUE: two offices
    /// may create the same natural key offline, and that must be a reported conflict, not a lost row).
    static func createIndexes(_ table: Table) -> String {
        var sql = ""
        var all = table.indexes
        if !table.naturalKey.isEmpty { all.insert(table.naturalKey, at: 0) }
        for cols in all {
            let name = "\(table.name)__\(cols.joined(separator: "_"))"
            sql += "CREATE INDEX IF NOT EXISTS \(q(name)) ON \(q(table.name))(\(cols.map(q).joined(separator: ", ")));\n"
        }
        return sql
    }

    /// A random version-4 UUID as an SQL expression, the id of rows inserted by other tools without one.
    static let uuidExpression = """
        lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || \
        substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
        """

    /// Advances the stored hybrid clock past the wall clock and the last reading (same rule as
    /// `HybridClock.tick`), for writes captured by triggers.
    static let tickClock = """
        UPDATE _ds_meta SET value = max(value + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) << 16) WHERE key = 'hlc';
        """
    static let currentClock = "(SELECT value FROM _ds_meta WHERE key = 'hlc')"

    /// Triggers capturing inserts, per-unit updates and deletes made by connections that run triggers.
    /// DistrictSync's own connection turns triggers off and logs its writes itself, in the same transaction.
    static func captureTriggers(_ table: Table) -> String {
        let t = table.name
        let tl = literal(t)
        func log(_ rowRef: String, _ unit: String) -> String {
            "INSERT INTO _ds_log (tbl, row_id, unit, hlc) VALUES (\(tl), \(rowRef), \(literal(unit)), \(currentClock));"
        }
        func logCreated(_ row: String) -> String {
            "INSERT INTO _ds_log (tbl, row_id, rid_from, rid_to, unit, hlc) VALUES (\(tl), \(row).id, \(row)._rid, \(row)._rid, '*', \(currentClock));"
        }
        var sql = dropTriggers(table)
        sql += "CREATE TRIGGER \(q("_ds_\(t)_ins")) AFTER INSERT ON \(q(t)) BEGIN \(tickClock) \(logCreated("NEW")) END;\n"
        sql += "CREATE TRIGGER \(q("_ds_\(t)_del")) AFTER DELETE ON \(q(t)) BEGIN \(tickClock) \(log("OLD.id", MergeUnit.deleteName)) END;\n"
        // Changing a row's id is a delete of the old row and a creation of the new one.
        sql += """
            CREATE TRIGGER \(q("_ds_\(t)_rekey")) AFTER UPDATE OF id ON \(q(t)) WHEN OLD.id IS NOT NEW.id BEGIN \
            \(tickClock) \(log("OLD.id", MergeUnit.deleteName)) \(tickClock) \(logCreated("NEW")) END;\n
            """
        for unit in MergeUnit.units(of: table) {
            let changed = unit.columns.map { "OLD.\(q($0)) IS NOT NEW.\(q($0))" }.joined(separator: " OR ")
            sql += """
                CREATE TRIGGER \(q("_ds_\(t)_upd_\(unit.name)")) AFTER UPDATE OF \(unit.columns.map(q).joined(separator: ", ")) \
                ON \(q(t)) WHEN OLD.id IS NEW.id AND (\(changed)) BEGIN \(tickClock) \(log("NEW.id", unit.name)) END;\n
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
    static func literal(_ s: String) -> String { "'" + s.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'" }
}
