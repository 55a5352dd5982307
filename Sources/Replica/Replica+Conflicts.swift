public import MergeStore
internal import Domain
internal import SQLiteDB


extension Replica {
    /// The conflict log: concurrent losers with what beat them, open ones first.
    public func conflicts(includeResolved: Bool = true) throws -> [ConflictRecord] {
        try db.transaction { try refreshLocalConflicts() }
        return try engine.conflicts(includeResolved: includeResolved)
    }

    /// Natural keys held by more than one row, per table.
    public func naturalKeyDuplicates() throws -> [(table: String, key: [String], rows: [(id: String, owner: String)])] {
        var out: [(table: String, key: [String], rows: [(id: String, owner: String)])] = []
        for t in catalog.tables where !t.naturalKey.isEmpty {
            let cols = t.naturalKey.map(Database.quote).joined(separator: ", ")
            let sql = """
                SELECT \(cols), group_concat(id || '|' || owner_unit_id, ',') FROM (SELECT * FROM \(Database.quote(t.name)) ORDER BY id)
                WHERE \(t.naturalKey.map { "\(Database.quote($0)) IS NOT NULL" }.joined(separator: " AND "))
                GROUP BY \(cols) HAVING count(*) > 1 ORDER BY \(cols)
                """
            for r in try db.query(sql) {
                let key = r.dropLast().map { $0.description }
                let rows = (r.last?.text ?? "").split(separator: ",").map { pair -> (id: String, owner: String) in
                    let p = pair.split(separator: "|", maxSplits: 1)
                    return (String(p.first ?? ""), String(p.count > 1 ? p[1] : ""))
                }
                out.append((t.name, key, rows))
            }
        }
        return out
    }
}
