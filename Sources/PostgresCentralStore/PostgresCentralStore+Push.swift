public import CentralStore
internal import Domain
internal import Foundation
internal import MergeStore
public import PostgresNIO
internal import SQLiteDB
public import SyncModel

extension PostgresCentralStore {
    /// Applies a pushed batch atomically, with the semantics of `SQLiteCentralStore.push`.
    public func push(_ request: PushRequest, token: String) async throws(SyncFailure) -> PushResponse {
        let scope = try await authenticate(token)
        return try await applyBatch(request, scope: scope)
    }

    /// Pushes run side by side on pooled connections, each in its own transaction: no group commit.
    public var commitsGroups: Bool { false }

    /// Applies the pushes one by one, each in its own transaction.
    public func pushGroup(_ pushes: [QueuedPush]) async -> [Result<PushResponse, SyncFailure>] {
        var results: [Result<PushResponse, SyncFailure>] = []
        for p in pushes {
            do throws(SyncFailure) {
                results.append(.success(try await push(p.request, token: p.token)))
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }

    /// Applies a batch carried in by hand for the office that made it.
    public func importBatch(_ request: PushRequest) async throws(SyncFailure) -> PushResponse {
        let offices = Set(request.changes.map(\.office))
        guard offices.count <= 1 else { throw SyncFailure.badRequest("import.mixed_offices", "一个批次只能包含一个单位的修改") }
        var office = offices.first
        if office == nil {
            office = try? await query("SELECT office FROM replicas WHERE site = $1", [.text(request.replica.hex)]).first?.first?.text
        }
        guard let office, let scope = self.scope(of: office) else {
            throw SyncFailure.badRequest("import.unknown_office", "无法确定批次所属的单位")
        }
        return try await applyBatch(request, scope: scope)
    }

    private func applyBatch(_ request: PushRequest, scope: OfficeScope) async throws(SyncFailure) -> PushResponse {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await scratch.with { s in
                    try await client.withTransaction(logger: logger) { conn in
                        try await self.pushInTransaction(request, scope: scope, conn: conn, scratch: s)
                    }
                }
            } catch {
                if attempt < 3, Self.isRetryable(error) { continue }
                throw storeFailure(error)
            }
        }
    }

    private func pushInTransaction(_ request: PushRequest, scope: OfficeScope, conn: PostgresConnection, scratch: ScratchMerge) async throws -> PushResponse {
        let site = request.replica.hex
        // One pusher per replica at a time: a resent batch waits for the first and gets its answer.
        try await conn.rows("SELECT pg_advisory_xact_lock(1, hashtext($1))", [.text(site)])
        let known = try await conn.rows("SELECT office, push_seq FROM replicas WHERE site = $1", [.text(site)]).first
        let decision = try PushSequencing.decide(request, office: scope.office, known: known.map { ($0[0].text, $0[1].integer ?? 0) })
        if decision == .replay {
            let stored = try await conn.rows("SELECT batch_id, answer FROM push_answers WHERE site = $1 AND seq = $2",
                                             [.text(site), .integer(request.seq)]).first
            return try PushSequencing.replay(request, stored: stored.flatMap { r in if case .blob(let a) = r[1] { (r[0].text, a) } else { nil } })
        }

        let now = WallClock.nowMillis()
        let keys = Set(request.changes.compactMap { c in catalog.table(c.table) != nil ? RowKey(table: c.table, row: c.rowID) : nil }).sorted()
        try await lockRows(keys, conn: conn)
        let loaded = try await load(keys, conn: conn, into: scratch)
        var creations = loaded.creations

        let validator = ChangeValidator(catalog: catalog, office: scope.office, replica: request.replica, rules: rules)
        var rejected: [Rejection] = []
        var feed: [FeedEntry] = []
        var touched = Set<RowKey>()
        for (i, c) in request.changes.enumerated() {
            let key = RowKey(table: c.table, row: c.rowID)
            let knownTable = catalog.table(c.table) != nil
            let deleted = knownTable ? try scratch.engine.isDeleted(c.table, c.rowID) : false
            let owner = knownTable ? try ownerOf(key, deleted: deleted, scratch: scratch, creations: creations) : nil
            if let r = validator.check(request, i, owner: owner, rowKnown: owner != nil || deleted, now: now) {
                rejected.append(r)
                continue
            }
            try scratch.engine.apply(c)
            touched.insert(key)
            if c.kind == .insert, creations[key] == nil { creations[key] = c }
            var o = owner
            if o == nil, case .text(let s)? = c.values[Table.ownerColumn] { o = s }
            let district = o.flatMap { self.scope(of: $0)?.district } ?? scope.district ?? ""
            feed.append(FeedEntry(district: district, change: c))
        }
        try await writeBack(touched.sorted(), loadedHistory: loaded.history, conn: conn, scratch: scratch)
        try await conn.rows("""
            INSERT INTO replicas (site, office, push_seq, first_seen, last_push_at) VALUES ($1, $2, $3, $4, $4)
            ON CONFLICT (site) DO UPDATE SET push_seq = excluded.push_seq, last_push_at = excluded.last_push_at
            """, [.text(site), .text(scope.office), .integer(request.seq), .integer(now)])
        try await conn.rows("""
            INSERT INTO office_activity (office, last_push_at) VALUES ($1, $2)
            ON CONFLICT (office) DO UPDATE SET last_push_at = excluded.last_push_at
            """, [.text(scope.office), .integer(now)])

        // Last: positions and the server clock, under the feed_clock row lock held until commit (kept
        // short: only the feed rows and the stored answer are written while it is held).
        let stamp = try await Self.appendToFeed(feed, site: site, now: now, on: conn)
        let response = PushResponse(batchID: request.batchID, seq: request.seq, accepted: feed.count, rejected: rejected, serverClock: stamp.serverClock)
        try await conn.rows("INSERT INTO push_answers (site, seq, batch_id, answer) VALUES ($1, $2, $3, $4)",
                            [.text(site), .integer(request.seq), .text(request.batchID), .blob([UInt8](try JSONEncoder().encode(response)))])
        return response
    }

    /// Locks every row of the batch (advisory locks, class 2, in ascending hash order so that two pushes
    /// always lock in the same order and cannot deadlock). Held until commit.
    private func lockRows(_ keys: [RowKey], conn: PostgresConnection) async throws {
        guard !keys.isEmpty else { return }
        var binds = PostgresBindings()
        binds.append(keys.map(\.lockName))
        try await conn.rows("""
            SELECT count(pg_advisory_xact_lock(2, h)) FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest($1::text[]) AS k ORDER BY 1 OFFSET 0) s
            """, binds: binds)
    }

    /// The locked rows' history, conflicts, current state and creations, from PostgreSQL into `scratch`.
    private func load(_ keys: [RowKey], conn: PostgresConnection, into scratch: ScratchMerge) async throws
        -> (history: Set<HistoryKey>, creations: [RowKey: Change])
    {
        guard !keys.isEmpty else { return ([], [:]) }
        var binds = PostgresBindings()
        binds.append(keys.map(\.table))
        binds.append(keys.map(\.row))
        let inKeys = "(tbl, row_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))"
        let history = try await conn.rows("SELECT \(PostgresSchema.historyColumns.joined(separator: ", ")) FROM _ds_history WHERE \(inKeys)", binds: binds)
        try scratch.load("_ds_history", columns: PostgresSchema.historyColumns, rows: history)
        let conflicts = try await conn.rows("SELECT \(PostgresSchema.conflictColumns.joined(separator: ", ")) FROM _ds_conflict WHERE \(inKeys)", binds: binds)
        try scratch.load("_ds_conflict", columns: PostgresSchema.conflictColumns, rows: conflicts)
        for (table, ids) in Dictionary(grouping: keys, by: \.table) {
            guard let t = catalog.table(table) else { continue }
            let columns = PostgresSchema.stateColumns(t)
            var b = PostgresBindings()
            b.append(ids.map(\.row))
            let rows = try await conn.rows("SELECT \(columns.map(PG.quote).joined(separator: ", ")) FROM \(PG.quote(table)) WHERE id = ANY($1::text[])", binds: b)
            try scratch.load(table, columns: columns, rows: rows)
        }
        var creations: [RowKey: Change] = [:]
        for r in try await conn.rows("""
            SELECT DISTINCT ON (tbl, row_id) tbl, row_id, change FROM feed WHERE unit = '*' AND \(inKeys) ORDER BY tbl, row_id, seq
            """, binds: binds) {
            guard case .blob(let b) = r[2], let c = try? WireJSON.decodeChange(b) else { continue }
            creations[RowKey(table: r[0].text ?? "", row: r[1].text ?? "")] = c
        }
        return (Set(history.map { HistoryKey($0) }), creations)
    }

    /// The office owning a row: from the merged state, or for a deleted row from its creation in the feed.
    private func ownerOf(_ key: RowKey, deleted: Bool, scratch: ScratchMerge, creations: [RowKey: Change]) throws -> String? {
        if let o = try scratch.db.scalar("SELECT owner_unit_id FROM \(Database.quote(key.table)) WHERE id = ?", [.text(key.row)])?.text { return o }
        guard deleted, let creation = creations[key] else { return nil }
        if case .text(let o)? = creation.values[Table.ownerColumn] { return o }
        return creation.office
    }

    /// Writes the touched rows' new history entries, their whole conflict log and their current state back.
    private func writeBack(_ keys: [RowKey], loadedHistory: Set<HistoryKey>, conn: PostgresConnection, scratch: ScratchMerge) async throws {
        guard !keys.isEmpty else { return }
        var history: [[SQLValue]] = []
        var conflicts: [[SQLValue]] = []
        let h = "SELECT \(PostgresSchema.historyColumns.joined(separator: ", ")) FROM _ds_history WHERE tbl = ? AND row_id = ?"
        let cf = "SELECT \(PostgresSchema.conflictColumns.joined(separator: ", ")) FROM _ds_conflict WHERE tbl = ? AND row_id = ?"
        for k in keys {
            history += try scratch.db.query(h, [.text(k.table), .text(k.row)]).filter { !loadedHistory.contains(HistoryKey($0)) }
            conflicts += try scratch.db.query(cf, [.text(k.table), .text(k.row)])
        }
        try await conn.insert(into: "_ds_history", columns: PostgresSchema.historyColumns, rows: history, suffix: "ON CONFLICT DO NOTHING")
        var binds = PostgresBindings()
        binds.append(keys.map(\.table))
        binds.append(keys.map(\.row))
        try await conn.rows("DELETE FROM _ds_conflict WHERE (tbl, row_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))", binds: binds)
        try await conn.insert(into: "_ds_conflict", columns: PostgresSchema.conflictColumns, rows: conflicts)

        for (table, ids) in Dictionary(grouping: keys, by: \.table) {
            guard let t = catalog.table(table) else { continue }
            let columns = PostgresSchema.stateColumns(t)
            var present: [[SQLValue]] = []
            var absent: [String] = []
            let select = "SELECT \(columns.map(Database.quote).joined(separator: ", ")) FROM \(Database.quote(table)) WHERE id = ?"
            for k in ids {
                if let row = try scratch.db.query(select, [.text(k.row)]).first { present.append(row) } else { absent.append(k.row) }
            }
            let updates = columns.dropFirst().map { "\(PG.quote($0)) = excluded.\(PG.quote($0))" }.joined(separator: ", ")
            try await conn.insert(into: table, columns: columns, rows: present, suffix: "ON CONFLICT (id) DO UPDATE SET \(updates)")
            if !absent.isEmpty {
                var b = PostgresBindings()
                b.append(absent)
                try await conn.rows("DELETE FROM \(PG.quote(table)) WHERE id = ANY($1::text[])", binds: b)
            }
        }
    }

    /// Appends `entries` to the feed inside the caller's transaction, numbering them from the single
    /// `feed_clock` row, which stays locked until the transaction ends: whoever takes positions next
    /// waits for this commit, so positions are in commit order and a pull reading `seq > cursor` never
    /// skips a change. Also moves the server clock past every appended change and returns a fresh reading.
    public static func appendToFeed(_ entries: [FeedEntry], site: String, now: Int64, on conn: PostgresConnection) async throws -> FeedStamp {
        guard let row = try await conn.rows("SELECT last_seq, hlc FROM feed_clock WHERE id = 1 FOR UPDATE").first,
              let lastSeq = row[0].integer, let hlc = row[1].integer else {
            throw SyncFailure(status: 500, code: "store.error", message: "中心库缺少 feed_clock 行，库已损坏")
        }
        var clock = HybridClock(last: HybridTimestamp(rawValue: hlc))
        for e in entries { try clock.receive(e.change.clock, wallMillis: now) }
        let serverClock = clock.tick(wallMillis: now)
        let rows: [[SQLValue]] = entries.enumerated().map { i, e in
            let c = e.change
            return [.integer(lastSeq + Int64(i) + 1), .text(e.district), .text(c.table), .text(c.rowID), .text(c.unit), .integer(c.clock.rawValue),
                    .text(site), .blob(WireJSON.encode(c)), .integer(now)]
        }
        try await conn.insert(into: "feed", columns: ["seq", "district", "tbl", "row_id", "unit", "hlc", "site", "change", "received_at"], rows: rows)
        try await conn.rows("UPDATE feed_clock SET last_seq = $1, hlc = $2 WHERE id = 1",
                            [.integer(lastSeq + Int64(entries.count)), .integer(clock.last.rawValue)])
        return FeedStamp(firstSeq: lastSeq + 1, lastSeq: lastSeq + Int64(entries.count), serverClock: serverClock)
    }
}

/// One accepted change on its way to the feed, with the district that may read it.
public struct FeedEntry: Sendable {
    public var district: String
    public var change: Change
    public init(district: String, change: Change) {
        self.district = district
        self.change = change
    }
}

/// The positions an append took and the server clock after it.
public struct FeedStamp: Sendable {
    public var firstSeq: Int64
    public var lastSeq: Int64
    public var serverClock: HybridTimestamp
}

/// A row of a state table.
struct RowKey: Hashable, Comparable {
    var table: String
    var row: String
    var lockName: String { table + "\u{1}" + row }
    static func < (a: RowKey, b: RowKey) -> Bool { (a.table, a.row) < (b.table, b.row) }
}

/// The primary key of a history entry (tbl, row_id, unit, hlc, site).
struct HistoryKey: Hashable {
    var parts: [SQLValue]
    init(_ row: [SQLValue]) { parts = Array(row.prefix(5)) }
}
