public import Domain
public import SQLiteDB

/// The SQL shared by replicas and the SQLite central store: the merged state tables (one per catalog
/// table), the cell history and the conflict log.
public enum MergeSchema {
    /// The hidden integer key of every state table: stable (an explicit INTEGER PRIMARY KEY survives
    /// VACUUM) and never reused (AUTOINCREMENT: a deleted row's number never names a later row), so a
    /// range of it can name the rows one bulk insert created.
    public static let ridColumn = "_rid"

    /// Every change to a merge unit and every deletion, from every site, once each: the input of the merge.
    /// `value`: JSON object of the unit's columns; for a deletion (`unit = '-'`), the change it saw last for
    /// each unit, as `{"unit": [clock, "site"]}`. `resolves`: JSON array of `[clock, "site"]` losers the
    /// editor had on screen as open conflicts of this cell when making the change (resolving them).
    /// `prior` (local edits only, never sent): the values the edit replaced — for a deletion the whole row —
    /// so a change the server refuses can be withdrawn.
    public static let historyDDL = """
        CREATE TABLE IF NOT EXISTS _ds_history (
            tbl TEXT NOT NULL,
            row_id TEXT NOT NULL,
            unit TEXT NOT NULL,
            hlc INTEGER NOT NULL,
            site TEXT NOT NULL,
            office TEXT NOT NULL,
            base_hlc INTEGER,
            base_site TEXT,
            value TEXT,
            resolves TEXT,
            prior TEXT,
            PRIMARY KEY (tbl, row_id, unit, hlc, site)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS _ds_history_base ON _ds_history (tbl, row_id, unit, base_hlc, base_site);
        -- Concurrent losers: values that lost a merge and that no later edit was built on.
        CREATE TABLE IF NOT EXISTS _ds_conflict (
            tbl TEXT NOT NULL,
            row_id TEXT NOT NULL,
            unit TEXT NOT NULL,
            loser_hlc INTEGER NOT NULL,
            loser_site TEXT NOT NULL,
            loser_office TEXT NOT NULL,
            loser_value TEXT,
            winner_hlc INTEGER NOT NULL,
            winner_site TEXT NOT NULL,
            winner_office TEXT NOT NULL,
            winner_value TEXT,
            winner_deleted INTEGER NOT NULL,
            resolved_hlc INTEGER,
            resolved_site TEXT,
            resolved_office TEXT,
            PRIMARY KEY (tbl, row_id, unit, loser_hlc, loser_site)
        ) WITHOUT ROWID;
        """

    /// How a state table numbers its rows (`_rid`).
    public enum RowNumbering: Sendable {
        /// AUTOINCREMENT: a deleted row's number never names a later row, so a range of `_rid` names the
        /// rows one bulk insert created (a replica's capture relies on it). SQLite then reads and writes
        /// `sqlite_sequence` in every INSERT statement.
        case neverReused
        /// A plain rowid alias (still stable through VACUUM): for a store that never names rows by `_rid`
        /// (the central store), where AUTOINCREMENT's bookkeeping costs a row insert 5–13%.
        case plain
    }

    /// SQL that creates the state table for `table` with its indexes.
    public static func createTable(_ table: Table, ownerDefault: String, numbering: RowNumbering = .neverReused) -> String {
        var cols = [
            "\(q(ridColumn)) INTEGER PRIMARY KEY" + (numbering == .neverReused ? " AUTOINCREMENT" : ""),
            "\(q(Table.idColumn)) TEXT NOT NULL UNIQUE DEFAULT (\(uuidExpression))",
            "\(q(Table.ownerColumn)) TEXT NOT NULL DEFAULT \(literal(ownerDefault))",
        ]
        cols += table.fields.map { "\(q($0.name)) \($0.type.sqliteType)" }
        return "CREATE TABLE \(q(table.name)) (\n  " + cols.joined(separator: ",\n  ") + "\n);\n" + createIndexes(table)
    }

    /// `CREATE INDEX IF NOT EXISTS` for the natural key and declared indexes (never UNIQUE: two offices
    /// may create the same natural key offline, and that must be a reported conflict, not a lost row).
    public static func createIndexes(_ table: Table) -> String {
        var sql = ""
        var all = table.indexes
        if !table.naturalKey.isEmpty { all.insert(table.naturalKey, at: 0) }
        for cols in all {
            let name = "\(table.name)__\(cols.joined(separator: "_"))"
            sql += "CREATE INDEX IF NOT EXISTS \(q(name)) ON \(q(table.name))(\(cols.map(q).joined(separator: ", ")));\n"
        }
        return sql
    }

    /// Makes the state tables match `catalog`: creates missing tables, adds missing columns and indexes.
    /// Additive: columns the catalog no longer names are kept. `numbering` applies to tables it creates.
    public static func reconcileTables(_ db: Database, catalog: Catalog, ownerDefault: String, numbering: RowNumbering = .neverReused) throws {
        for table in catalog.tables {
            let existing = try db.query("SELECT name FROM pragma_table_info(?)", [.text(table.name)]).compactMap { $0[0].text }
            if existing.isEmpty {
                try db.execute(createTable(table, ownerDefault: ownerDefault, numbering: numbering))
            } else {
                for field in table.fields where !existing.contains(field.name) {
                    try db.execute("ALTER TABLE \(q(table.name)) ADD COLUMN \(q(field.name)) \(field.type.sqliteType)")
                }
                try db.execute(createIndexes(table))
            }
        }
    }

    /// A random version-4 UUID as an SQL expression, the id of rows inserted by other tools without one.
    public static let uuidExpression = """
        lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || \
        substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
        """

    /// An SQL expression for a deletion's `seen`: the latest history entry of every unit of the row, as
    /// `{"unit": [clock, "site"]}` (keys in order). `table` and `row` are SQL expressions (literals,
    /// parameters or `OLD.id`).
    public static func lastSeenJSON(table: String, row: String) -> String {
        "(SELECT json_group_object(unit, json_array(hlc, site)) FROM (SELECT unit, hlc, site FROM (SELECT unit, hlc, site, "
            + "row_number() OVER (PARTITION BY unit ORDER BY hlc DESC, site DESC) AS rn FROM _ds_history "
            + "WHERE tbl = \(table) AND row_id = \(row) AND unit <> '-') WHERE rn = 1 ORDER BY unit))"
    }

    /// `json_object('a', "a", 'b', "b")` over the current row's columns (for history values).
    public static func jsonObject(_ columns: [String], prefix: String = "") -> String {
        "json_object(" + columns.map { "'\($0)', \(prefix)\(q($0))" }.joined(separator: ", ") + ")"
    }

    static func q(_ s: String) -> String { Database.quote(s) }
    public static func literal(_ s: String) -> String { "'" + s.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'" }
}
