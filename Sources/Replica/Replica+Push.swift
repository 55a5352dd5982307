internal import Domain
internal import Foundation
internal import GzipCodec
internal import MergeStore
internal import SQLiteDB
public import SyncModel

/// A push batch ready to send, and where the outbox stands once the server has it.
public struct OutgoingBatch: Sendable, Hashable {
    public let request: PushRequest
    /// `request` in wire form, gzip-compressed, exactly as recorded in flight: what is sent, every time
    /// it is sent. Compressed once, while the batch before it is on the wire, not on every send.
    public let gzippedBody: [UInt8]
    let nextSeq: Int64
    let nextRid: Int64
}

/// A change the server refused, as the replica keeps it until the clerk deals with it.
public struct RejectedChange: Sendable, Hashable {
    public let table: String
    public let rowID: String
    public let unit: String
    public let clock: HybridTimestamp
    public let code: String
    public let reason: String
}

extension Replica {
    /// The batch to push next: the one already in flight (re-sent unchanged after a crash or a dropped
    /// connection, so the server's idempotency applies), else up to `maxChanges` changes from the outbox,
    /// recorded as in flight before it is returned. Nil when there is nothing to push.
    /// `compressionLevel`: the gzip level of a new batch's body (`LinkCompression.level(forBytesPerSecond:)`).
    public func nextPushBatch(maxChanges: Int = 1_000, compressionLevel: Int32 = LinkCompression.defaultLevel) throws -> OutgoingBatch? {
        try db.transaction {
            if let row = try db.query("SELECT body, next_log_seq, next_rid FROM _ds_inflight ORDER BY seq LIMIT 1").first,
               case .blob(let body) = row[0] {
                return try recordedBatch(body, nextSeq: row[1].integer ?? 0, nextRid: row[2].integer ?? 0)
            }
            return try makeBatch(maxChanges: maxChanges, compressionLevel: compressionLevel)
        }
    }

    /// The batch to push after `batch` (which is in flight): the one already recorded after it, else a new
    /// one from the outbox, recorded in flight after it. Nil when there is nothing more to push. Lets the
    /// sync loop prepare the next batch while `batch` is on the wire.
    public func pushBatch(following batch: OutgoingBatch, maxChanges: Int = 1_000,
                          compressionLevel: Int32 = LinkCompression.defaultLevel) throws -> OutgoingBatch? {
        try db.transaction {
            let rows = try db.query("SELECT seq, body, next_log_seq, next_rid FROM _ds_inflight WHERE seq > ? ORDER BY seq LIMIT 1",
                                    [.integer(batch.request.seq)])
            if let row = rows.first {
                guard row[0].integer == batch.request.seq + 1, case .blob(let body) = row[1] else { return nil }
                return try recordedBatch(body, nextSeq: row[2].integer ?? 0, nextRid: row[3].integer ?? 0)
            }
            guard try db.scalar("SELECT 1 FROM _ds_inflight WHERE seq = ?", [.integer(batch.request.seq)]) != nil else { return nil }
            return try makeBatch(maxChanges: maxChanges, compressionLevel: compressionLevel)
        }
    }

    /// Every pending change as batches, for carrying on a USB stick when the link is down (sneakernet).
    /// The batches are recorded as in flight, so when the link is back `dsync sync` re-sends the same
    /// batches and the server's idempotency makes the double delivery harmless.
    public func exportPendingBatches(maxChanges: Int = 5_000) throws -> [PushRequest] {
        try db.transaction {
            while try makeBatch(maxChanges: maxChanges) != nil {}
            return try db.query("SELECT body FROM _ds_inflight ORDER BY seq").compactMap {
                guard case .blob(let body) = $0[0] else { return nil }
                return try recordedBatch(body, nextSeq: 0, nextRid: 0).request
            }
        }
    }

    /// A new batch after the last one in flight (or after the outbox cursor), recorded as in flight.
    private func makeBatch(maxChanges: Int, compressionLevel: Int32 = LinkCompression.defaultLevel) throws -> OutgoingBatch? {
        try refreshLocalConflicts()
        let last = try db.query("SELECT seq, next_log_seq, next_rid FROM _ds_inflight ORDER BY seq DESC LIMIT 1").first
        let start = try last.map { (seq: $0[1].integer ?? 0, rid: $0[2].integer ?? 0) } ?? outboxCursor()
        let (changes, next) = try readOutbox(from: start, maxChanges: maxChanges)
        guard !changes.isEmpty || next != start else { return nil }
        let committedSeq = try ReplicaMeta.integer(db, "push_seq")
        let seq = (last?[0].integer ?? committedSeq) + 1
        let request = PushRequest(batchID: RowID.generate(), replica: site, seq: seq, changes: changes)
        let body = Gzip.compress(WireJSON.encode(request), level: compressionLevel)
        try db.run("INSERT INTO _ds_inflight (seq, batch_id, body, next_log_seq, next_rid) VALUES (?, ?, ?, ?, ?)",
                   [.integer(seq), .text(request.batchID), .blob(body), .integer(next.seq), .integer(next.rid)])
        return OutgoingBatch(request: request, gzippedBody: body, nextSeq: next.seq, nextRid: next.rid)
    }

    /// A batch recorded in flight, from its stored body: gzip'd wire JSON (or plain JSON, as replicas
    /// recorded it before bodies were compressed once; it is compressed now).
    private func recordedBatch(_ body: [UInt8], nextSeq: Int64, nextRid: Int64) throws -> OutgoingBatch {
        let isGzip = body.count >= 2 && body[0] == 0x1f && body[1] == 0x8b
        let json = isGzip ? try Gzip.decompress(body, limit: Int.max) : body
        return OutgoingBatch(request: try WireJSON.decodePushRequest(json), gzippedBody: isGzip ? body : Gzip.compress(body),
                             nextSeq: nextSeq, nextRid: nextRid)
    }

    /// Records the server's answer to `batch`: the outbox moves past it, refused changes are kept with
    /// their reasons, and the clock moves past the server's.
    public func completePush(_ batch: OutgoingBatch, response: PushResponse) throws {
        try db.transaction {
            let now = WallClock.nowMillis()
            for r in response.rejected {
                let clock = r.index < batch.request.changes.count ? batch.request.changes[r.index].clock.rawValue : 0
                try db.run("""
                    INSERT INTO _ds_rejected (tbl, row_id, unit, hlc, code, reason, rejected_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO UPDATE SET code = excluded.code, reason = excluded.reason
                    """, [.text(r.table), .text(r.rowID), .text(r.unit), .integer(clock), .text(r.code), .text(r.reason), .integer(now)])
            }
            try ReplicaMeta.write(db, ["out_seq": .integer(batch.nextSeq), "out_rid": .integer(batch.nextRid),
                                       "push_seq": .integer(batch.request.seq), "last_push_at": .integer(now)])
            try db.run("DELETE FROM _ds_inflight WHERE seq = ?", [.integer(batch.request.seq)])
            clock.advance(past: HybridTimestamp(rawValue: try ReplicaMeta.integer(db, "hlc")))
            try? clock.receive(response.serverClock, wallMillis: now)
            try db.run("UPDATE _ds_meta SET value = ? WHERE key = 'hlc'", [.integer(clock.last.rawValue)])
        }
    }

    /// Changes the server refused that are still waiting for the clerk.
    public func rejectedChanges() throws -> [RejectedChange] {
        try db.query("SELECT tbl, row_id, unit, hlc, code, reason FROM _ds_rejected ORDER BY rejected_at, tbl, row_id").map {
            RejectedChange(table: $0[0].text ?? "", rowID: $0[1].text ?? "", unit: $0[2].text ?? "",
                           clock: HybridTimestamp(rawValue: $0[3].integer ?? 0), code: $0[4].text ?? "", reason: $0[5].text ?? "")
        }
    }

    /// Reads up to `maxChanges` changes from the outbox cursor; returns them and the cursor after them.
    func readOutbox(from start: (seq: Int64, rid: Int64), maxChanges: Int) throws -> ([Change], (seq: Int64, rid: Int64)) {
        var (seq, rid) = start
        var out: [Change] = []
        let restoreEnd = restoreLogEnd  // pre-restore creations the server already holds are skipped
        let entries = try db.query("SELECT seq, tbl, row_id, rid_from, rid_to, unit, hlc FROM _ds_log WHERE seq >= ? ORDER BY seq LIMIT ?",
                                   [.integer(seq), .integer(Int64(maxChanges))])
        for e in entries {
            let eseq = e[0].integer ?? 0, table = e[1].text ?? "", unit = e[5].text ?? ""
            let clock = HybridTimestamp(rawValue: e[6].integer ?? 0)
            let room = maxChanges - out.count
            if room <= 0 { break }
            if unit == MergeUnit.insertName, let rowID = e[2].text {
                if try !isHeldCreation(table, rowID, clock: clock, logSeq: eseq) { out += try createdRow(table, rowID, clock: clock) }
            } else if unit == MergeUnit.insertName {
                let from = max(e[3].integer ?? 0, eseq == seq ? rid + 1 : 0), to = e[4].integer ?? 0
                let rows = try createdRows(table, from: from, to: to, limit: room, clock: clock, skipHeld: eseq < restoreEnd)
                out += rows.changes
                if let last = rows.lastRid, last < to, rows.changes.count == room {
                    return (out, (eseq, last))  // the range continues in the next batch
                }
            } else if let change = try historyChange(table, e[2].text ?? "", unit, clock) {
                out.append(change)
            }
            (seq, rid) = (eseq + 1, 0)
        }
        return (out, (seq, rid))
    }

    private func createdRow(_ table: String, _ rowID: String, clock: HybridTimestamp) throws -> [Change] {
        guard let t = catalog.table(table) else { return [] }
        let cols = t.columnNames.filter { $0 != Table.idColumn }.sorted { CellValues.compare($0, $1) < 0 }
        guard let r = try db.query("SELECT \(cols.map(Database.quote).joined(separator: ", ")) FROM \(Database.quote(table)) WHERE id = ?",
                                   [.text(rowID)]).first else { return [] }
        var values = CellValues(minimumCapacity: cols.count)
        for (i, c) in cols.enumerated() where r[i] != .null { values[c] = CellValue(r[i]) }
        return [Change(table: table, rowID: rowID, unit: MergeUnit.insertName, values: values, clock: clock, site: site, office: office)]
    }

    /// `skipHeld`: leave out rows whose creation already reached the server before a restore (the
    /// filter is in the SQL, so `LIMIT` and the range cursor stay exact).
    private func createdRows(
        _ table: String, from: Int64, to: Int64, limit: Int, clock: HybridTimestamp, skipHeld: Bool = false
    ) throws -> (changes: [Change], lastRid: Int64?) {
        guard let t = catalog.table(table) else { return ([], nil) }
        // Read in the order `CellValues` keeps, so building each row's values only appends.
        let cols = t.columnNames.filter { $0 != Table.idColumn }.sorted { CellValues.compare($0, $1) < 0 }
        let held = skipHeld
            ? " AND NOT EXISTS (SELECT 1 FROM _ds_restore_seen s WHERE s.tbl = '\(table)' AND s.row_id = \(Database.quote(table)).id AND s.unit = '*' AND s.hlc = \(clock.rawValue))"
            : ""
        let stmt = try db.cached("SELECT _rid, id, \(cols.map(Database.quote).joined(separator: ", ")) FROM \(Database.quote(table)) WHERE _rid BETWEEN ? AND ?\(held) ORDER BY _rid LIMIT ?")
        var changes: [Change] = []
        var last: Int64?
        defer { stmt.reset() }
        try stmt.bind([.integer(from), .integer(to), .integer(Int64(limit))])
        while try stmt.step() {
            last = stmt.column(0).integer
            var values = CellValues(minimumCapacity: cols.count)
            for (i, c) in cols.enumerated() {
                let v = stmt.column(i + 2)
                if v != .null { values[c] = CellValue(v) }  // a creation leaves null columns out
            }
            changes.append(Change(table: table, rowID: stmt.column(1).text ?? "", unit: MergeUnit.insertName, values: values,
                                  clock: clock, site: site, office: office))
        }
        if changes.count < limit { last = to }
        return (changes, last)
    }

    private func historyChange(_ table: String, _ rowID: String, _ unit: String, _ clock: HybridTimestamp) throws -> Change? {
        guard let h = try db.query("""
            SELECT base_hlc, base_site, value, resolves FROM _ds_history WHERE tbl = ? AND row_id = ? AND unit = ? AND hlc = ? AND site = ?
            """, [.text(table), .text(rowID), .text(unit), .integer(clock.rawValue), .text(site.hex)]).first else { return nil }
        var change = Change(table: table, rowID: rowID, unit: unit, values: [:], clock: clock, site: site, office: office)
        if let bh = h[0].integer, let bs = SiteID(hex: h[1].text ?? "") { change.base = ChangeID(clock: HybridTimestamp(rawValue: bh), site: bs) }
        if unit == MergeUnit.deleteName {
            var seen: [String: ChangeID] = [:]
            for r in try db.query("SELECT key, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)", [h[2]]) {
                if let k = r[0].text, let c = r[1].integer, let s = SiteID(hex: r[2].text ?? "") { seen[k] = ChangeID(clock: HybridTimestamp(rawValue: c), site: s) }
            }
            change.seen = seen
        } else {
            change.values = try db.decodeValues(h[2].text)
        }
        if let resolves = h[3].text {
            change.resolves = try db.query("SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)", [.text(resolves)]).compactMap {
                guard let c = $0[0].integer, let s = SiteID(hex: $0[1].text ?? "") else { return nil }
                return ChangeID(clock: HybridTimestamp(rawValue: c), site: s)
            }
        }
        return change
    }
}
