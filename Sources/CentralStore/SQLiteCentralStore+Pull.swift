internal import Foundation
internal import SQLiteDB
public import SyncModel

extension SQLiteCentralStore {
    /// The changes after `after` in the token's read scope (its district; the city reads all), oldest
    /// first, at most `limit`.
    public func pull(after: Int64, limit: Int, token: String) throws(SyncFailure) -> PullResponse {
        var changes: [Change] = []
        var failure: WireJSONError?
        let page = try readFeed(after: after, limit: limit, token: token) { bytes, _, _, _, _, _ in
            guard failure == nil else { return }
            do throws(WireJSONError) { changes.append(try WireJSON.decodeChange(Array(bytes))) } catch { failure = error }
        }
        if failure != nil { throw storeFailure(failure!) }
        return PullResponse(changes: changes, cursor: page.cursor, more: page.more)
    }

    /// `pull`'s answer in wire form: each change's stored JSON spliced, the checksum from the feed's
    /// identity columns (written from the same change as the bytes).
    public func pullEncoded(after: Int64, limit: Int, token: String) throws(SyncFailure) -> EncodedPull {
        var builder = EncodedPull.Builder()
        let page = try readFeed(after: after, limit: limit, token: token) { bytes, table, row, unit, clock, site in
            builder.append(json: bytes, table: table, row: row, unit: unit, clock: clock, site: site)
        }
        return builder.finish(cursor: page.cursor, more: page.more)
    }

    /// Reads one page of the feed in the token's scope and hands each row to `each` (stored change bytes,
    /// table, row, unit, clock, site); returns the new cursor and whether more remain.
    private func readFeed(
        after: Int64, limit: Int, token: String,
        _ each: (UnsafeRawBufferPointer, String, String, String, Int64, String) -> Void
    ) throws(SyncFailure) -> (cursor: Int64, more: Bool) {
        let scope = try authenticate(token)
        do {
            let limit = max(1, min(limit, SyncProtocol.maxPullLimit))
            let top = try db.scalar("SELECT coalesce(max(seq), 0) FROM feed")?.integer ?? 0
            if after > top { throw SyncFailure.cursorAhead(after, top) }
            let columns = "seq, tbl, row_id, unit, hlc, site, change"
            let stmt: Statement
            if let district = scope.district {
                stmt = try db.cached("SELECT \(columns) FROM feed WHERE district = ? AND seq > ? ORDER BY seq LIMIT ?")
                try stmt.bind([.text(district), .integer(after), .integer(Int64(limit + 1))])
            } else {
                stmt = try db.cached("SELECT \(columns) FROM feed WHERE seq > ? ORDER BY seq LIMIT ?")
                try stmt.bind([.integer(after), .integer(Int64(limit + 1))])
            }
            defer { stmt.reset() }
            var cursor = after
            var count = 0
            var more = false
            while try stmt.step() {
                if count == limit { more = true; break }
                count += 1
                cursor = stmt.columnInt64(0)
                try stmt.withColumnBytes(6) { bytes in
                    let table = stmt.columnText(1), row = stmt.columnText(2), unit = stmt.columnText(3), clock = stmt.columnInt64(4), site = stmt.columnText(5)
                    if CreationRef.isReference(bytes) {
                        try creationRefs.bytes(bytes, table: table, rowID: row, clock: clock, site: site).withUnsafeBytes {
                            each($0, table, row, unit, clock, site)
                        }
                    } else {
                        each(bytes, table, row, unit, clock, site)
                    }
                }
            }
            stmt.reset()
            try db.run("INSERT INTO office_activity (office, last_pull_at) VALUES (?, ?) ON CONFLICT(office) DO UPDATE SET last_pull_at = excluded.last_pull_at",
                       [.text(scope.office), .integer(WallClock.nowMillis())])
            return (cursor, more)
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
