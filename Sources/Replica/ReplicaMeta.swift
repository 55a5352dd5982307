internal import SQLiteDB

/// The replica's key/value bookkeeping (`_ds_meta`): site id, office, clock, sync positions.
enum ReplicaMeta {
    static func read(_ db: Database) throws -> [String: SQLValue] {
        var out: [String: SQLValue] = [:]
        for row in try db.query("SELECT key, value FROM _ds_meta") {
            if let k = row[0].text { out[k] = row[1] }
        }
        return out
    }

    static func write(_ db: Database, _ values: [String: SQLValue]) throws {
        for (k, v) in values.sorted(by: { $0.key < $1.key }) {
            try db.run("INSERT INTO _ds_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [.text(k), v])
        }
    }

    static func integer(_ db: Database, _ key: String) throws -> Int64 {
        try db.scalar("SELECT value FROM _ds_meta WHERE key = ?", [.text(key)])?.integer ?? 0
    }
}
