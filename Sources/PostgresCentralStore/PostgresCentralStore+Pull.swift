internal import CentralStore
internal import PostgresNIO
internal import SQLiteDB
public import SyncModel

extension PostgresCentralStore {
    /// The changes after `after` in the token's read scope, oldest first, at most `limit`. Positions are
    /// handed out in commit order (see `appendToFeed`), so `seq > after` never skips a late committer.
    public func pull(after: Int64, limit: Int, token: String) async throws(SyncFailure) -> PullResponse {
        let scope = try await authenticate(token)
        do {
            let limit = max(1, min(limit, SyncProtocol.maxPullLimit))
            let top = try await query("SELECT last_seq FROM feed_clock WHERE id = 1").first?.first?.integer ?? 0
            if after > top { throw SyncFailure.cursorAhead(after, top) }
            let rows: [[SQLValue]]
            if let district = scope.district {
                rows = try await query("SELECT seq, change FROM feed WHERE district = $1 AND seq > $2 ORDER BY seq LIMIT $3",
                                       [.text(district), .integer(after), .integer(Int64(limit + 1))])
            } else {
                rows = try await query("SELECT seq, change FROM feed WHERE seq > $1 ORDER BY seq LIMIT $2", [.integer(after), .integer(Int64(limit + 1))])
            }
            var changes: [Change] = []
            var cursor = after
            for r in rows.prefix(limit) {
                guard case .blob(let bytes) = r[1] else { continue }
                changes.append(try WireJSON.decodeChange(bytes))
                cursor = r[0].integer ?? cursor
            }
            _ = try await query("""
                INSERT INTO office_activity (office, last_pull_at) VALUES ($1, $2)
                ON CONFLICT (office) DO UPDATE SET last_pull_at = excluded.last_pull_at
                """, [.text(scope.office), .integer(WallClock.nowMillis())])
            return PullResponse(changes: changes, cursor: cursor, more: rows.count > limit)
        } catch {
            throw storeFailure(error)
        }
    }

    /// Offices, their last sync and the conflict count, for `/v1/status` (no personal data).
    public func status() async throws(SyncFailure) -> ServerStatus {
        do {
            let position = try await query("SELECT last_seq FROM feed_clock WHERE id = 1").first?.first?.integer ?? 0
            let conflicts = try await query("SELECT count(*) FROM _ds_conflict WHERE resolved_hlc IS NULL").first?.first?.integer ?? 0
            let offices = try await query("""
                SELECT a.office, greatest(coalesce(a.last_push_at, 0), coalesce(a.last_pull_at, 0)),
                       (SELECT count(*) FROM replicas r WHERE r.office = a.office), (SELECT name FROM org_unit WHERE unit_code = a.office LIMIT 1)
                FROM office_activity a ORDER BY a.office COLLATE "C"
                """).map {
                ServerStatus.Office(office: $0[0].text ?? "", name: $0[3].text ?? "", lastSync: $0[1].integer, replicas: Int($0[2].integer ?? 0))
            }
            return ServerStatus(protocolVersion: SyncProtocol.version, schemaVersion: schemaVersion, logPosition: position,
                                conflicts: Int(conflicts), offices: offices)
        } catch {
            throw storeFailure(error)
        }
    }
}
