internal import Domain
internal import Foundation
internal import MergeStore
internal import SQLiteDB
public import SyncModel

extension SQLiteCentralStore {
    /// Applies a pushed batch atomically. A batch already applied (same replica and sequence) returns
    /// the stored answer; a gap in the sequence is refused. Each change is validated on its own: refused
    /// ones come back with a reason, the rest are merged and appended to the feed.
    public func push(_ request: PushRequest, token: String) throws(SyncFailure) -> PushResponse {
        let scope = try authenticate(token)
        do {
            return try db.transaction { try pushInTransaction(request, scope: scope) }
        } catch {
            throw storeFailure(error)
        }
    }

    /// Applies a batch carried in by hand (sneakernet) for the office that made it, with the same
    /// validation, scope and idempotency as a push over the network.
    public func importBatch(_ request: PushRequest) throws(SyncFailure) -> PushResponse {
        let offices = Set(request.changes.map(\.office))
        guard offices.count <= 1 else { throw SyncFailure.badRequest("import.mixed_offices", "一个批次只能包含一个单位的修改") }
        var office = offices.first
        if office == nil {
            office = try? db.scalar("SELECT office FROM replicas WHERE site = ?", [.text(request.replica.hex)])?.text
        }
        guard let office, let scope = OfficeScope(office: office, units: units) else {
            throw SyncFailure.badRequest("import.unknown_office", "无法确定批次所属的单位")
        }
        do {
            return try db.transaction { try pushInTransaction(request, scope: scope) }
        } catch {
            throw storeFailure(error)
        }
    }

    /// One writer: the pushes that queue up behind a transaction are best committed together.
    public var commitsGroups: Bool { true }

    /// Applies several pushes in one transaction, in the order given, each answered as if pushed alone.
    /// Sharing the commit saves rewriting the same index pages once per batch (a 1M-row bulk push commits
    /// a quarter as often). A push refused before it writes anything (token, office, sequence) is refused
    /// alone; if anything fails once writing has begun, nothing of the group is kept and each push is
    /// applied again in a transaction of its own, so only the one at fault fails.
    public func pushGroup(_ pushes: [QueuedPush]) -> [Result<PushResponse, SyncFailure>] {
        let oneByOne = { pushes.map { p in Result { () throws(SyncFailure) in try self.push(p.request, token: p.token) } } }
        guard pushes.count > 1 else { return oneByOne() }
        do {
            return try db.transaction {
                try pushes.map { p in
                    let scope: OfficeScope
                    let stored: PushResponse?
                    do {
                        scope = try authenticate(p.token)
                        stored = try storedAnswer(p.request, office: scope.office)
                    } catch let failure as SyncFailure {
                        return .failure(failure)
                    }
                    return .success(try stored ?? merge(p.request, scope: scope))
                }
            }
        } catch {
            return oneByOne()
        }
    }

    /// Applies the batch rules before anything is written: the answer stored for a batch already applied,
    /// nil for the next batch (merge it); throws for another office's replica or a sequence gap.
    private func storedAnswer(_ request: PushRequest, office: String) throws -> PushResponse? {
        let site = request.replica.hex
        let known = try db.query("SELECT office, push_seq FROM replicas WHERE site = ?", [.text(site)]).first
        let decision = try PushSequencing.decide(request, office: office, known: known.map { ($0[0].text, $0[1].integer ?? 0) })
        guard decision == .replay else { return nil }
        let stored = try db.query("SELECT batch_id, answer FROM push_answers WHERE site = ? AND seq = ?", [.text(site), .integer(request.seq)]).first
        return try PushSequencing.replay(request, stored: stored.flatMap { r in if case .blob(let a) = r[1] { (r[0].text, a) } else { nil } })
    }

    private func pushInTransaction(_ request: PushRequest, scope: OfficeScope) throws -> PushResponse {
        try storedAnswer(request, office: scope.office) ?? merge(request, scope: scope)
    }

    /// Merges an admitted push and records it: its changes, the feed, the replica's position and the answer.
    private func merge(_ request: PushRequest, scope: OfficeScope) throws -> PushResponse {
        let site = request.replica.hex
        let now = WallClock.nowMillis()
        let validator = ChangeValidator(catalog: catalog, office: scope.office, replica: request.replica, rules: rules)
        var rejected: [Rejection] = []
        var accepted = 0
        let encoder = JSONEncoder()
        let feed = try db.cached("INSERT INTO feed (seq, district, tbl, row_id, unit, hlc, site, change, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        // Feed numbers are handed out here, so a creation's state row can name its entry before it is written.
        var nextSeq = (try db.scalar("SELECT coalesce(max(seq), 0) FROM feed")?.integer ?? 0) + 1
        // Appends change `i` to the feed under `nextSeq`: its creation reference, else its wire bytes.
        func appendToFeed(_ i: Int, district: String, ref: [UInt8]?) throws {
            let c = request.changes[i]
            try feed.execute([.integer(nextSeq), .text(district), .text(c.table), .text(c.rowID), .text(c.unit), .integer(c.clock.rawValue),
                              .text(site), .blob(ref ?? request.wireChange(i)), .integer(now)])
        }
        for (i, c) in request.changes.enumerated() {
            // A bulk push is mostly creations of new rows: admitted as new (the check refuses unknown
            // tables), inserted unless the row exists.
            if c.kind == .insert, validator.check(request, i, owner: nil, rowKnown: false, now: now) == nil {
                let ref = CreationRef.make(c, try creationRefs.layout(c.table))
                if try engine.applyCreationIfNew(c, creationTag: ref == nil ? nil : nextSeq) {
                    try clock.receive(c.clock, wallMillis: now)
                    try appendToFeed(i, district: try districtOf(c, owner: nil) ?? scope.district ?? "", ref: ref)
                    nextSeq += 1
                    accepted += 1
                    continue
                }
            }
            // Anything else, and a creation of a row the store holds or deleted: look the row up first.
            let state = catalog.table(c.table) != nil ? try engine.rowState(c.table, c.rowID) : nil
            let owner = try state.flatMap { s in try s.owner ?? (s.deleted ? creationOwner(c.table, c.rowID) : nil) }
            if let r = validator.check(request, i, owner: owner, rowKnown: owner != nil || state?.deleted == true, now: now) {
                rejected.append(r)
                continue
            }
            try clock.receive(c.clock, wallMillis: now)
            let district = try districtOf(c, owner: owner) ?? scope.district ?? ""
            // A creation of a row the store did not hold: the feed entry points at the new state row.
            let ref = c.kind == .insert && state!.owner == nil && !state!.deleted ? CreationRef.make(c, try creationRefs.layout(c.table)) : nil
            try appendToFeed(i, district: district, ref: ref)
            try engine.apply(c, state: state!, creationTag: ref == nil ? nil : nextSeq)
            nextSeq += 1
            accepted += 1
        }
        let response = PushResponse(batchID: request.batchID, seq: request.seq, accepted: accepted, rejected: rejected,
                                    serverClock: clock.tick(wallMillis: now))
        try db.run("""
            INSERT INTO replicas (site, office, push_seq, first_seen, last_push_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(site) DO UPDATE SET push_seq = excluded.push_seq, last_push_at = excluded.last_push_at
            """, [.text(site), .text(scope.office), .integer(request.seq), .integer(now), .integer(now)])
        try db.run("INSERT INTO push_answers (site, seq, batch_id, answer) VALUES (?, ?, ?, ?)",
                   [.text(site), .integer(request.seq), .text(request.batchID), .blob([UInt8](try encoder.encode(response)))])
        try db.run("INSERT INTO office_activity (office, last_push_at) VALUES (?, ?) ON CONFLICT(office) DO UPDATE SET last_push_at = excluded.last_push_at",
                   [.text(scope.office), .integer(now)])
        try db.run("UPDATE server_meta SET value = ? WHERE key = 'hlc'", [.integer(clock.last.rawValue)])
        return response
    }

    /// The office that owned a deleted row (no longer in the merged state): from its creation in the feed.
    private func creationOwner(_ table: String, _ rowID: String) throws -> String? {
        guard case .blob(let b)? = try db.scalar("SELECT change FROM feed WHERE tbl = ? AND row_id = ? AND unit = '*' LIMIT 1", [.text(table), .text(rowID)]),
              let creation = try? WireJSON.decodeChange(b) else { return nil }
        if case .text(let o)? = creation.values[Table.ownerColumn] { return o }
        return creation.office
    }

    /// The district a change belongs to: that of the row's owner.
    private func districtOf(_ c: Change, owner: String?) throws -> String? {
        var o = owner
        if o == nil, case .text(let s)? = c.values[Table.ownerColumn] { o = s }
        guard let o else { return nil }
        return scope(of: o)?.district
    }
}
