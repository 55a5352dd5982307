internal import SQLiteDB

extension SQLiteCentralStore {
    /// The office an active token belongs to, nil when it is unknown or revoked (for log lines).
    public func office(forToken token: String) -> String? {
        try? db.scalar("SELECT office FROM tokens WHERE hash = ? AND revoked_at IS NULL", [.text(Self.hash(token))])?.text
    }

    /// Per-office figures: `office_activity` ∪ `replicas`, merged/refused summed from the stored push
    /// answers, open conflicts by the office whose edit lost.
    public func figures() throws -> StoreFigures {
        let offices = try db.query("""
            WITH offices AS (SELECT office FROM office_activity UNION SELECT office FROM replicas),
            answers AS (
                SELECT r.office AS office,
                       sum(json_extract(CAST(a.answer AS TEXT), '$.accepted')) AS merged,
                       sum(json_array_length(CAST(a.answer AS TEXT), '$.rejected')) AS rejected
                FROM push_answers a JOIN replicas r ON r.site = a.site GROUP BY r.office
            )
            SELECT o.office, act.last_push_at, act.last_pull_at,
                   (SELECT count(*) FROM replicas r WHERE r.office = o.office),
                   coalesce(ans.merged, 0), coalesce(ans.rejected, 0),
                   (SELECT count(*) FROM _ds_conflict c WHERE c.loser_office = o.office AND c.resolved_hlc IS NULL)
            FROM offices o LEFT JOIN office_activity act ON act.office = o.office LEFT JOIN answers ans ON ans.office = o.office
            ORDER BY o.office
            """).map(OfficeFigures.init(row:))
        let position = try db.scalar("SELECT coalesce(max(seq), 0) FROM feed")?.integer ?? 0
        let conflicts = try db.scalar("SELECT count(*) FROM _ds_conflict WHERE resolved_hlc IS NULL")?.integer ?? 0
        return StoreFigures(offices: offices, feedPosition: position, openConflicts: Int(conflicts))
    }
}
