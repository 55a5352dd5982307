internal import Domain
internal import MergeStore

/// The PostgreSQL central store's tables: the same names and columns as the SQLite store (`CentralSchema`,
/// `MergeSchema`), so `dsync store copy` moves rows one to one and the checksums agree.
///
/// Differences that matter: the feed position `seq` is handed out from the single row `feed_clock`, locked
/// at the end of each pushing transaction, so positions follow commit order (a pull never skips a change
/// that committed after a later-numbered one); the state tables have `id` as primary key (no `_rid`).
enum PostgresSchema {
    static let formatVersion = 1

    static let ddl = """
        CREATE TABLE IF NOT EXISTS server_meta (key text PRIMARY KEY, value text);
        CREATE TABLE IF NOT EXISTS feed_clock (
            id integer PRIMARY KEY CHECK (id = 1), last_seq bigint NOT NULL, hlc bigint NOT NULL
        );
        INSERT INTO feed_clock (id, last_seq, hlc) VALUES (1, 0, 0) ON CONFLICT DO NOTHING;
        CREATE TABLE IF NOT EXISTS feed (
            seq bigint PRIMARY KEY,
            district text NOT NULL,
            tbl text NOT NULL,
            row_id text NOT NULL,
            unit text NOT NULL,
            hlc bigint NOT NULL,
            site text NOT NULL,
            change bytea NOT NULL,
            received_at bigint NOT NULL
        );
        CREATE INDEX IF NOT EXISTS feed_district ON feed (district, seq);
        CREATE INDEX IF NOT EXISTS feed_row ON feed (tbl, row_id, unit, seq);
        CREATE TABLE IF NOT EXISTS replicas (
            site text PRIMARY KEY, office text NOT NULL, push_seq bigint NOT NULL, first_seen bigint NOT NULL, last_push_at bigint
        );
        CREATE TABLE IF NOT EXISTS push_answers (
            site text NOT NULL, seq bigint NOT NULL, batch_id text NOT NULL, answer bytea NOT NULL, PRIMARY KEY (site, seq)
        );
        CREATE TABLE IF NOT EXISTS tokens (
            hash text PRIMARY KEY, office text NOT NULL, label text, created_at bigint NOT NULL, revoked_at bigint
        );
        CREATE TABLE IF NOT EXISTS office_activity (office text PRIMARY KEY, last_push_at bigint, last_pull_at bigint);
        CREATE TABLE IF NOT EXISTS _ds_history (
            tbl text NOT NULL, row_id text NOT NULL, unit text NOT NULL, hlc bigint NOT NULL, site text NOT NULL,
            office text NOT NULL, base_hlc bigint, base_site text, value text, resolves text, prior text,
            PRIMARY KEY (tbl, row_id, unit, hlc, site)
        );
        CREATE TABLE IF NOT EXISTS _ds_conflict (
            tbl text NOT NULL, row_id text NOT NULL, unit text NOT NULL, loser_hlc bigint NOT NULL, loser_site text NOT NULL,
            loser_office text NOT NULL, loser_value text, winner_hlc bigint NOT NULL, winner_site text NOT NULL,
            winner_office text NOT NULL, winner_value text, winner_deleted bigint NOT NULL,
            resolved_hlc bigint, resolved_site text, resolved_office text,
            PRIMARY KEY (tbl, row_id, unit, loser_hlc, loser_site)
        );
        """

    static let historyColumns = ["tbl", "row_id", "unit", "hlc", "site", "office", "base_hlc", "base_site", "value", "resolves"]
    static let conflictColumns = [
        "tbl", "row_id", "unit", "loser_hlc", "loser_site", "loser_office", "loser_value", "winner_hlc", "winner_site",
        "winner_office", "winner_value", "winner_deleted", "resolved_hlc", "resolved_site", "resolved_office",
    ]

    /// The state columns of `table` in order: id, owner, then the catalog's fields.
    static func stateColumns(_ table: Table) -> [String] {
        [Table.idColumn, Table.ownerColumn] + table.fields.map(\.name)
    }

    /// The PostgreSQL type of a catalog field.
    static func type(_ field: Field) -> String { field.type.sqliteType == "INTEGER" ? "bigint" : "text" }

    /// Creates the state table of `table` if missing, adds missing columns and the (non-unique) indexes.
    static func stateDDL(_ table: Table) -> String {
        let q = PG.quote
        var sql = "CREATE TABLE IF NOT EXISTS \(q(table.name)) (\(q(Table.idColumn)) text PRIMARY KEY, \(q(Table.ownerColumn)) text NOT NULL DEFAULT '');\n"
        for f in table.fields {
            sql += "ALTER TABLE \(q(table.name)) ADD COLUMN IF NOT EXISTS \(q(f.name)) \(type(f));\n"
        }
        var all = table.indexes
        if !table.naturalKey.isEmpty { all.insert(table.naturalKey, at: 0) }
        for cols in all {
            sql += "CREATE INDEX IF NOT EXISTS \(q("\(table.name)__\(cols.joined(separator: "_"))")) ON \(q(table.name)) (\(cols.map(q).joined(separator: ", ")));\n"
        }
        return sql
    }
}
