internal import Foundation
internal import SQLiteDB
public import SyncModel

extension SQLiteCentralStore {
    /// The changes after `after` in the token's read scope (its district; the city reads all), oldest
    /// first, at most `limit`.
    public func pull(after: Int64, limit: Int, token: String) throws(SyncFailure) -> PullResponse {
        let scope = try authenticate(token)
        do {
            let limit = max(1, min(limit, SyncProtocol.maxPullLimit))
            let top = try db.scalar("SELECT coalesce(max(seq), 0) FROM feed")?.integer ?? 0
            if after > top { throw SyncFailure.cursorAhead(after, top) }
            let rows: [[SQLValue]]
            if let district = scope.district {
                rows = try db.query("SELECT seq, change FROM feed WHERE district = ? AND seq > ? ORDER BY seq LIMIT ?",
                                    [.text(district), .integer(after), .integer(Int64(limit + 1))])
            } else {
                rows = try db.query("SELECT seq, change FROM feed WHERE seq > ? ORDER BY seq LIMIT ?", [.integer(after), .integer(Int64(limit + 1))])
            }
            var changes: [Change] = []
            var cursor = after
            for r in rows.prefix(limit) {
                guard case .blob(let bytes) = r[1] else { continue }
                changes.append(try WireJSON.decodeChange(bytes))
                cursor = r[0].integer ?? cursor
            }
            try db.run("INSERT INTO office_activity (office, last_pull_at) VALUES (?, ?) ON CONFLICT(office) DO UPDATE SET last_pull_at = excluded.last_pull_at",
                       [.text(scope.office), .integer(WallClock.nowMillis())])
            return PullResponse(changes: changes, cursor: cursor, more: rows.count > limit)
        } catch {
            throw storeFailure(error)
        }
    }

    /// Offices, their last sync and the conflict count, for `/v1/status` (no personal data).
    public func status() throws(SyncFailure) -> ServerStatus {
        do {
            let position = try db.scalar("SELECT coalesce(max(seq), 0) FROM feed")?.integer ?? 0
            let conflicts = try db.scalar("SELECT count(*) FROM _ds_conflict WHERE resolved_hlc IS NULL")?.integer ?? 0
            let offices = try db.query("""
                SELECT a.office, max(coalesce(a.last_push_at, 0), coalesce(a.last_pull_at, 0)),
                       (SELECT count(*) FROM replicas r WHERE r.office = a.office), (SELECT name FROM org_unit WHERE unit_code = a.office)
                FROM office_activity a ORDER BY a.office
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
