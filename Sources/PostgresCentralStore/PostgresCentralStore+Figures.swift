public import CentralStore
internal import SQLiteDB

extension PostgresCentralStore {
    /// The office an active token belongs to, nil when it is unknown or revoked (for log lines).
    public func office(forToken token: String) async -> String? {
        try? await query("SELECT office FROM tokens WHERE hash = $1 AND revoked_at IS NULL", [.text(AccessToken.hash(token))]).first?.first?.text
    }

    /// Per-office figures, the same query as the SQLite store's in PostgreSQL's JSON dialect.
    public func figures() async throws -> StoreFigures {
        let offices = try await query("""
            WITH offices AS (SELECT office FROM office_activity UNION SELECT office FROM replicas),
            answers AS (
                SELECT r.office AS office,
                       sum((convert_from(a.answer, 'UTF8')::jsonb ->> 'accepted')::bigint)::bigint AS merged,
                       sum(jsonb_array_length(convert_from(a.answer, 'UTF8')::jsonb -> 'rejected'))::bigint AS rejected
                FROM push_answers a JOIN replicas r ON r.site = a.site GROUP BY r.office
            )
            SELECT o.office, act.last_push_at, act.last_pull_at,
                   (SELECT count(*) FROM replicas r WHERE r.office = o.office),
                   coalesce(ans.merged, 0), coalesce(ans.rejected, 0),
                   (SELECT count(*) FROM _ds_conflict c WHERE c.loser_office = o.office AND c.resolved_hlc IS NULL)
            FROM offices o LEFT JOIN office_activity act ON act.office = o.office LEFT JOIN answers ans ON ans.office = o.office
            ORDER BY o.office COLLATE "C"
            """).map(OfficeFigures.init(row:))
        let position = try await query("SELECT last_seq FROM feed_clock WHERE id = 1").first?.first?.integer ?? 0
        let conflicts = try await query("SELECT count(*) FROM _ds_conflict WHERE resolved_hlc IS NULL").first?.first?.integer ?? 0
        return StoreFigures(offices: offices, feedPosition: position, openConflicts: Int(conflicts))
    }
}
