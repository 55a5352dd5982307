internal import CentralStore
internal import PostgresNIO
internal import SQLiteDB
public import SyncModel

extension PostgresCentralStore {
    /// The changes after `after` in the token's read scope, oldest first, at most `limit`. Positions are
    /// handed out in commit order (see `appendToFeed`), so `seq > after` never skips a late committer.
    public func pull(after: Int64, limit: Int, token: String) async throws(SyncFailure) -> PullResponse {
        let page = try await readFeed(after: after, limit: limit, token: token)
        do {
            var changes: [Change] = []
            for r in page.rows {
                guard case .blob(let bytes) = r[6] else { continue }
                changes.append(try WireJSON.decodeChange(bytes))
            }
            return PullResponse(changes: changes, cursor: page.cursor, more: page.more)
        } catch {
            throw storeFailure(error)
        }
    }

    /// `pull`'s answer in wire form: each change's stored JSON spliced, the checksum from the feed's
    /// identity columns (written from the same change as the bytes).
    public func pullEncoded(after: Int64, limit: Int, token: String) async throws(SyncFailure) -> EncodedPull {
        let page = try await readFeed(after: after, limit: limit, token: token)
        var builder = EncodedPull.Builder()
        for r in page.rows {
            guard case .blob(let bytes) = r[6] else { continue }
            bytes.withUnsafeBytes {
                builder.append(json: $0, table: r[1].text ?? "", row: r[2].text ?? "", unit: r[3].text ?? "", clock: r[4].integer ?? 0, site: r[5].text ?? "")
            }
        }
        return builder.finish(cursor: page.cursor, more: page.more)
    }

    /// One page of the feed in the token's scope: rows of `seq, tbl, row_id, unit, hlc, site, change`,
    /// the new cursor and whether more remain.
    private func readFeed(after: Int64, limit: Int, token: String) async throws(SyncFailure) -> (rows: [[SQLValue]], cursor: Int64, more: Bool) {
        let scope = try await authenticate(token)
        do {
            let limit = max(1, min(limit, SyncProtocol.maxPullLimit))
            let top = try await query("SELECT last_seq FROM feed_clock WHERE id = 1").first?.first?.integer ?? 0
            if after > top { throw SyncFailure.cursorAhead(after, top) }
            let rows: [[SQLValue]]
            let columns = "seq, tbl, row_id, unit, hlc, site, change"
            if let district = scope.district {
                rows = try await query("SELECT \(columns) FROM feed WHERE district = $1 AND seq > $2 ORDER BY seq LIMIT $3",
                                       [.text(district), .integer(after), .integer(Int64(limit + 1))])
            } else {
                rows = try await query("SELECT \(columns) FROM feed WHERE seq > $1 ORDER BY seq LIMIT $2", [.integer(after), .integer(Int64(limit + 1))])
            }
            let page = Array(rows.prefix(limit))
            let cursor = page.last?[0].integer ?? after
            _ = try await query("""
                INSERT INTO office_activity (office, last_pull_at) VALUES ($1, $2)
                ON CONFLICT (office) DO UPDATE SET last_pull_at = excluded.last_pull_at
                """, [.text(scope.office), .integer(WallClock.nowMillis())])
            return (page, cursor, rows.count > limit)
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
