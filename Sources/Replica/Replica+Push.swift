internal import Domain
internal import Foundation
internal import GzipCodec
internal import MergeStore
internal import SQLiteDB
public import SyncModel

/// A push batch ready to send, and where the outbox stands once the server has it.
public struct OutgoingBatch: Sendable, Hashable {
    public let batchID: String
    public let seq: Int64
    /// How many changes the batch carries.
    public let changeCount: Int
    /// The batch in wire form, gzip-compressed, exactly as recorded in flight: what is sent, every time
    /// it is sent. Written straight from the outbox and compressed once, while the batch before it is on
    /// the wire, not on every send.
    public let gzippedBody: [UInt8]
    let nextSeq: Int64
    let nextRid: Int64

    /// The batch as a request, decoded from its body: for transports that do not send bytes, and for the
    /// clocks of refused changes. The body is the replica's own and was decoded when it was recorded or
    /// written, so it always decodes.
    public var request: PushRequest {
        do {
            return try WireJSON.decodePushRequest(try Gzip.decompress(gzippedBody, limit: Int.max))
        } catch {
            preconditionFailure("a batch recorded in flight no longer decodes: \(error)")
        }
    }
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
                                    [.integer(batch.seq)])
            if let row = rows.first {
                guard row[0].integer == batch.seq + 1, case .blob(let body) = row[1] else { return nil }
                return try recordedBatch(body, nextSeq: row[2].integer ?? 0, nextRid: row[3].integer ?? 0)
            }
            guard try db.scalar("SELECT 1 FROM _ds_inflight WHERE seq = ?", [.integer(batch.seq)]) != nil else { return nil }
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
                return try recordedRequest(body)
            }
        }
    }

    /// A new batch after the last one in flight (or after the outbox cursor), recorded as in flight.
    private func makeBatch(maxChanges: Int, compressionLevel: Int32 = LinkCompression.defaultLevel) throws -> OutgoingBatch? {
        try refreshLocalConflicts()
        let last = try db.query("SELECT seq, next_log_seq, next_rid FROM _ds_inflight ORDER BY seq DESC LIMIT 1").first
        let start = try last.map { (seq: $0[1].integer ?? 0, rid: $0[2].integer ?? 0) } ?? outboxCursor()
        let committedSeq = try ReplicaMeta.integer(db, "push_seq")
        let seq = (last?[0].integer ?? committedSeq) + 1
        let batchID = RowID.generate()
        var body = PushBodyWriter(batchID: batchID, replica: site, seq: seq, capacity: 256 + min(maxChanges, 10_000) * 768)
        let next = try writeOutbox(into: &body, from: start, maxChanges: maxChanges)
        guard body.count > 0 || next != start else { return nil }
        let gzipped = Gzip.compress(body.finish(), level: compressionLevel)
        try db.run("INSERT INTO _ds_inflight (seq, batch_id, body, next_log_seq, next_rid) VALUES (?, ?, ?, ?, ?)",
                   [.integer(seq), .text(batchID), .blob(gzipped), .integer(next.seq), .integer(next.rid)])
        return OutgoingBatch(batchID: batchID, seq: seq, changeCount: body.count, gzippedBody: gzipped, nextSeq: next.seq, nextRid: next.rid)
    }

    /// A batch recorded in flight, from its stored body: gzip'd wire JSON (or plain JSON, as replicas
    /// recorded it before bodies were compressed once; it is compressed now).
    private func recordedBatch(_ body: [UInt8], nextSeq: Int64, nextRid: Int64) throws -> OutgoingBatch {
        let request = try recordedRequest(body)
        return OutgoingBatch(batchID: request.batchID, seq: request.seq, changeCount: request.changes.count,
                             gzippedBody: Self.isGzip(body) ? body : Gzip.compress(body), nextSeq: nextSeq, nextRid: nextRid)
    }

    /// The request a body recorded in flight holds (gzip'd or, from older replicas, plain JSON).
    private func recordedRequest(_ body: [UInt8]) throws -> PushRequest {
        try WireJSON.decodePushRequest(Self.isGzip(body) ? try Gzip.decompress(body, limit: Int.max) : body)
    }

    private static func isGzip(_ body: [UInt8]) -> Bool { body.count >= 2 && body[0] == 0x1f && body[1] == 0x8b }

    /// Records the server's answer to `batch`: the outbox moves past it, refused changes are kept with
    /// their reasons, and the clock moves past the server's.
    public func completePush(_ batch: OutgoingBatch, response: PushResponse) throws {
        try db.transaction {
            let now = WallClock.nowMillis()
            let changes = response.rejected.isEmpty ? [] : batch.request.changes  // decoded only when some were refused
            for r in response.rejected {
                let clock = r.index < changes.count ? changes[r.index].clock.rawValue : 0
                try db.run("""
                    INSERT INTO _ds_rejected (tbl, row_id, unit, hlc, code, reason, rejected_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO UPDATE SET code = excluded.code, reason = excluded.reason
                    """, [.text(r.table), .text(r.rowID), .text(r.unit), .integer(clock), .text(r.code), .text(r.reason), .integer(now)])
            }
            try ReplicaMeta.write(db, ["out_seq": .integer(batch.nextSeq), "out_rid": .integer(batch.nextRid),
                                       "push_seq": .integer(batch.seq), "last_push_at": .integer(now)])
            try db.run("DELETE FROM _ds_inflight WHERE seq = ?", [.integer(batch.seq)])
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

    /// Writes up to `maxChanges` changes from the outbox cursor into `body`; returns the cursor after them.
    func writeOutbox(into body: inout PushBodyWriter, from start: (seq: Int64, rid: Int64), maxChanges: Int) throws -> (seq: Int64, rid: Int64) {
        var (seq, rid) = start
        let restoreEnd = restoreLogEnd  // pre-restore creations the server already holds are skipped
        let entries = try db.query("SELECT seq, tbl, row_id, rid_from, rid_to, unit, hlc FROM _ds_log WHERE seq >= ? ORDER BY seq LIMIT ?",
                                   [.integer(seq), .integer(Int64(maxChanges))])
        for e in entries {
            let eseq = e[0].integer ?? 0, table = e[1].text ?? "", unit = e[5].text ?? ""
            let clock = HybridTimestamp(rawValue: e[6].integer ?? 0)
            let room = maxChanges - body.count
            if room <= 0 { break }
            if unit == MergeUnit.insertName, let rowID = e[2].text {
                if try !isHeldCreation(table, rowID, clock: clock, logSeq: eseq), let change = try createdRow(table, rowID, clock: clock) {
                    body.append(change)
                }
            } else if unit == MergeUnit.insertName {
                let from = max(e[3].integer ?? 0, eseq == seq ? rid + 1 : 0), to = e[4].integer ?? 0
                let rows = try writeCreatedRows(into: &body, table, from: from, to: to, limit: room, clock: clock, skipHeld: eseq < restoreEnd)
                if let last = rows.lastRid, last < to, rows.written == room {
                    return (eseq, last)  // the range continues in the next batch
                }
            } else if let change = try historyChange(table, e[2].text ?? "", unit, clock) {
                guard change.hasFiniteValues else { throw ReplicaError.nonFinite(table) }
                body.append(change)
            }
            (seq, rid) = (eseq + 1, 0)
        }
        return (seq, rid)
    }

    /// The columns a creation of `table` carries, in the order `CellValues` keeps (UTF-8 byte order).
    private func creationColumns(_ t: Table) -> [String] {
        t.columnNames.filter { $0 != Table.idColumn }.sorted { CellValues.compare($0, $1) < 0 }
    }

    private func createdRow(_ table: String, _ rowID: String, clock: HybridTimestamp) throws -> Change? {
        guard let t = catalog.table(table) else { return nil }
        let cols = creationColumns(t)
        guard let r = try db.query("SELECT \(cols.map(Database.quote).joined(separator: ", ")) FROM \(Database.quote(table)) WHERE id = ?",
                                   [.text(rowID)]).first else { return nil }
        var values = CellValues(minimumCapacity: cols.count)
        for (i, c) in cols.enumerated() where r[i] != .null { values[c] = CellValue(r[i]) }
        let change = Change(table: table, rowID: rowID, unit: MergeUnit.insertName, values: values, clock: clock, site: site, office: office)
        guard change.hasFiniteValues else { throw ReplicaError.nonFinite(table) }
        return change
    }

    /// Writes the creations of rows `from`…`to` of `table` (at most `limit`) straight from their columns:
    /// the bytes `WireJSON` would give for the same `Change`s, without building them.
    /// `skipHeld`: leave out rows whose creation already reached the server before a restore (the
    /// filter is in the SQL, so `LIMIT` and the range cursor stay exact).
    private func writeCreatedRows(
        into body: inout PushBodyWriter, _ table: String, from: Int64, to: Int64, limit: Int, clock: HybridTimestamp, skipHeld: Bool = false
    ) throws -> (written: Int, lastRid: Int64?) {
        guard let t = catalog.table(table) else { return (0, nil) }
        let cols = creationColumns(t)
        let prefixes = cols.map(PushBodyWriter.memberPrefix)
        let held = skipHeld
            ? " AND NOT EXISTS (SELECT 1 FROM _ds_restore_seen s WHERE s.tbl = '\(table)' AND s.row_id = \(Database.quote(table)).id AND s.unit = '*' AND s.hlc = \(clock.rawValue))"
            : ""
        let stmt = try db.cached("SELECT _rid, id, \(cols.map(Database.quote).joined(separator: ", ")) FROM \(Database.quote(table)) WHERE _rid BETWEEN ? AND ?\(held) ORDER BY _rid LIMIT ?")
        var written = 0
        var last: Int64?
        defer { stmt.reset() }
        try stmt.bind([.integer(from), .integer(to), .integer(Int64(limit))])
        while try stmt.step() {
            last = stmt.columnInt64(0)
            stmt.withColumnBytes(1) { body.beginCreation(table: table, rowID: $0.assumingMemoryBound(to: UInt8.self)) }
            for (i, prefix) in prefixes.enumerated() {
                switch stmt.columnKind(i + 2) {
                case .null: continue  // a creation leaves null columns out
                case .integer: body.integer(prefix, stmt.columnInt64(i + 2))
                case .text: stmt.withColumnBytes(i + 2) { body.text(prefix, $0.assumingMemoryBound(to: UInt8.self)) }
                case .real:
                    let d = stmt.columnDouble(i + 2)
                    guard d.isFinite else { throw ReplicaError.nonFinite(table) }
                    body.cell(prefix, .real(d))
                case .blob: body.cell(prefix, CellValue(stmt.column(i + 2)))
                }
            }
            body.endCreation(clock: clock, site: site, office: office)
            written += 1
        }
        if written < limit { last = to }
        return (written, last)
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
