import CentralStore
import DistrictTestSupport
import Domain
import Foundation
import MergeStore
import SyncModel
import Testing

/// Runs `body` on a fresh store of `kind` and closes it afterwards, whatever happens.
func withFreshStore<T>(_ kind: StoreKind, _ body: (any CentralStore) async throws -> T) async throws -> T {
    let dir = TemporaryDirectory("store")
    let store = try await kind.open(dir)
    do {
        let result = try await body(store)
        await store.close()
        return result
    } catch {
        await store.close()
        throw error
    }
}

/// One conformance suite for the central store, run against SQLite and PostgreSQL alike: the push and
/// pull vectors of `Sync/vectors/push`, the merge vectors pushed through the store in several delivery
/// orders, tokens, and a random workload that must leave both stores with identical rows, conflict logs
/// and feeds.
@Suite("Central store conformance (SQLite and PostgreSQL)")
struct CentralStoreConformanceTests {
    // MARK: push and pull vectors

    @Test("push and pull vectors against a fresh central store", arguments: StoreKind.allCases, Vectors.pushFiles)
    func pushVectors(_ kind: StoreKind, _ file: String) async throws {
        let vector = try Vectors.decode(PushCase.self, file)
        try await withFreshStore(kind) { store in
            var tokens: [String: String] = [:]
            var answers: [Int: PushResponse] = [:]
            var cursors: [String: Int64] = [:]
            for (i, step) in vector.steps.enumerated() {
                let label = "\(kind) \(file) step \(i) (\(step.step))"
                let token: String
                if let literal = step.token {
                    token = literal
                } else {
                    let office = try #require(step.office, "\(label): office or token")
                    if tokens[office] == nil { tokens[office] = try await store.createToken(office: office, label: nil) }
                    token = tokens[office]!
                }
                let expect = step.expect
                if let request = step.push {
                    let result: Result<PushResponse, SyncFailure>
                    do throws(SyncFailure) { result = .success(try await store.push(request, token: token)) } catch { result = .failure(error) }
                    switch result {
                    case .success(let response):
                        #expect(expect.status == 200, "\(label): expected \(expect.status) \(expect.code ?? ""), got 200")
                        answers[i] = response
                        if let same = expect.sameResponseAsStep {
                            #expect(response == answers[same], "\(label): the stored answer of step \(same)")
                        }
                        if let want = expect.response {
                            #expect(response.batchID == want.batchID && response.seq == want.seq, "\(label): batch id and seq echoed")
                            #expect(response.accepted == want.accepted, "\(label): accepted")
                            let got = response.rejected.map {
                                ExpectedRejection(index: $0.index, table: $0.table, row: $0.rowID, unit: $0.unit, code: $0.code)
                            }
                            #expect(got == want.rejected, "\(label): rejected")
                            #expect(response.rejected.allSatisfy { !$0.reason.isEmpty }, "\(label): every rejection has a reason")
                            #expect(response.serverClock > .zero, "\(label): server clock")
                        }
                    case .failure(let failure):
                        #expect(
                            failure.status == expect.status && failure.body.code == expect.code,
                            "\(label): expected \(expect.status) \(expect.code ?? "ok"), got \(failure.status) \(failure.body.code)")
                        #expect(!failure.body.message.isEmpty, "\(label): message")
                    }
                } else {
                    let query = try #require(step.pull, "\(label): a step is a push or a pull")
                    var after = query.after ?? 0
                    if let saved = query.afterSaved { after = try #require(cursors[saved], "\(label): saved cursor \(saved)") }
                    let result: Result<PullResponse, SyncFailure>
                    do throws(SyncFailure) { result = .success(try await store.pull(after: after, limit: query.limit, token: token)) } catch { result = .failure(error) }
                    let encoded: Result<EncodedPull, SyncFailure>
                    do throws(SyncFailure) { encoded = .success(try await store.pullEncoded(after: after, limit: query.limit, token: token)) } catch {
                        encoded = .failure(error)
                    }
                    switch (result, encoded) {
                    case (.success(let response), .success(let wire)):
                        #expect(try WireJSON.decodePullResponse(wire.json) == response, "\(label): the wire form carries the same answer")
                        #expect(wire.count == response.changes.count && wire.cursor == response.cursor && wire.more == response.more
                                && wire.checksum == response.checksum, "\(label): wire form figures")
                    case (.failure(let a), .failure(let b)): #expect(a.body.code == b.body.code && a.status == b.status, "\(label): same refusal")
                    default: Issue.record("\(label): pull and pullEncoded disagree")
                    }
                    switch result {
                    case .success(let response):
                        #expect(expect.status == 200, "\(label): expected \(expect.status) \(expect.code ?? ""), got 200")
                        let got = response.changes.map {
                            ChangeIdentity(table: $0.table, row: $0.rowID, unit: $0.unit, clock: $0.clock, site: $0.site)
                        }
                        if let want = expect.changes { #expect(got == want, "\(label): changes") }
                        if let more = expect.more { #expect(response.more == more, "\(label): more") }
                        if let checksum = expect.checksum {
                            #expect(response.checksum == checksum && SyncProtocol.checksum(response.changes) == checksum, "\(label): checksum")
                        }
                        if let saved = expect.cursorEqualsSaved { #expect(response.cursor == cursors[saved], "\(label): cursor unchanged") }
                        #expect(response.cursor >= after, "\(label): the cursor never moves back")
                        if let name = step.saveCursorAs { cursors[name] = response.cursor }
                    case .failure(let failure):
                        #expect(
                            failure.status == expect.status && failure.body.code == expect.code,
                            "\(label): expected \(expect.status) \(expect.code ?? "ok"), got \(failure.status) \(failure.body.code)")
                    }
                }
            }
            for (table, rows) in vector.finalRows {
                for (id, columns) in rows {
                    let row = try #require(try await store.currentRow(table: table, id: id), "\(kind) \(file): \(table) \(id) exists")
                    for (name, value) in columns {
                        #expect(row[name] == value, "\(kind) \(file): \(table) \(id).\(name)")
                    }
                }
            }
            for (table, ids) in vector.absentRows {
                for id in ids {
                    #expect(try await store.currentRow(table: table, id: id) == nil, "\(kind) \(file): \(table) \(id) absent")
                }
            }
        }
    }

    // MARK: merge vectors through the store

    @Test("merge vectors pushed through the store, in the given order, reversed and shuffled",
          arguments: StoreKind.allCases, Vectors.mergeFiles)
    func mergeVectors(_ kind: StoreKind, _ file: String) async throws {
        let vector = try Vectors.decode(MergeCase.self, file)
        for order in 0..<3 {
            try await withFreshStore(kind) { store in
                try await Self.importOneByOne(ConformanceVectorTests.permutation(vector.changes, order), into: store)
                let label = "\(kind) \(file) order \(order)"
                for (id, expectedRow) in vector.expected.rows {
                    let row = try #require(try await store.currentRow(table: "project", id: id), "\(label): \(id) exists")
                    for (column, value) in expectedRow { #expect(row[column] == value, "\(label): \(id).\(column)") }
                }
                for id in Set(vector.changes.map(\.rowID)).subtracting(vector.expected.rows.keys) {
                    #expect(try await store.currentRow(table: "project", id: id) == nil, "\(label): \(id) absent")
                }
                let conflicts = try await store.conflicts().map {
                    ConflictEntry(table: $0.table, row: $0.rowID, unit: $0.unit, loser: $0.loser, winner: $0.winner,
                                  winnerDeleted: $0.winnerIsDeletion, resolvedBy: $0.resolvedBy)
                }
                #expect(conflicts.count == Set(conflicts).count, "\(label): no duplicate conflict entries")
                #expect(Set(conflicts) == Set(vector.expected.conflicts), "\(label): conflict log")
            }
        }
    }

    /// Imports each change as its own batch from its replica (sequences numbered per replica).
    static func importOneByOne(_ changes: [Change], into store: any CentralStore) async throws {
        var seqs: [SiteID: Int64] = [:]
        for c in changes {
            let seq = (seqs[c.site] ?? 0) + 1
            seqs[c.site] = seq
            let r = try await store.importBatch(PushRequest(batchID: "b-\(c.site.hex.prefix(4))-\(seq)", replica: c.site, seq: seq, changes: [c]))
            #expect(r.rejected.isEmpty, "\(c.table) \(c.rowID) \(c.unit): \(r.rejected.map(\.reason))")
        }
    }

    // MARK: tokens and status

    @Test("tokens: a created token pushes and pulls, a revoked one gets 401, unknown offices are refused", arguments: StoreKind.allCases)
    func tokens(_ kind: StoreKind) async throws {
        try await withFreshStore(kind) { store in
            let token = try await store.createToken(office: TestUnits.huaiheRoad, label: "测试")
            let other = try await store.createToken(office: TestUnits.huaiheRoad, label: nil)
            #expect(token != other && token.hasPrefix("dst_"))
            _ = try await store.pull(after: 0, limit: 10, token: token)
            await #expect(throws: SyncFailure.self) { try await store.createToken(office: "999999999", label: nil) }
            #expect(try await store.revokeTokens(office: TestUnits.huaiheRoad) == 2)
            #expect(try await store.revokeTokens(office: TestUnits.huaiheRoad) == 0)
            do throws(SyncFailure) {
                _ = try await store.pull(after: 0, limit: 10, token: token)
                Issue.record("\(kind): a revoked token still pulls")
            } catch {
                #expect(error.status == 401, "\(kind): \(error.body.code)")
            }
            let status = try await store.status()
            #expect(status.offices.map(\.office) == [TestUnits.huaiheRoad], "\(kind): the office that pulled is listed")
            #expect(status.offices.first?.name == "淮河路街道办事处", "\(kind): its name from the registry")
        }
    }

    @Test("a pull cursor beyond the end of the feed (a store restored from an older backup) is refused loudly, never answered with nothing", arguments: StoreKind.allCases)
    func cursorAheadIsRefused(_ kind: StoreKind) async throws {
        try await withFreshStore(kind) { store in
            let office = TestUnits.huaiheRoad
            let token = try await store.createToken(office: office, label: nil)
            let site = PostgresConcurrencyTests.site(7)
            let changes = ["01906a1c-8f00-7a3b-9c4d-5e6f7a8b0001", "01906a1c-8f00-7a3b-9c4d-5e6f7a8b0002"].enumerated().map { i, row in
                PostgresConcurrencyTests.creation(row, office: office, site: site, clock: 112_704_513_638_400_000 + Int64(i))
            }
            _ = try await store.push(PushRequest(batchID: "b1", replica: site, seq: 1, changes: changes), token: token)
            let caughtUp = try await store.pull(after: 0, limit: 10, token: token)
            #expect(caughtUp.changes.count == 2)
            let atEnd = try await store.pull(after: caughtUp.cursor, limit: 10, token: token)
            #expect(atEnd.changes.isEmpty && !atEnd.more, "\(kind): a cursor at the end is fine")
            do throws(SyncFailure) {
                _ = try await store.pull(after: caughtUp.cursor + 5, limit: 10, token: token)
                Issue.record("\(kind): a cursor ahead of the feed was answered")
            } catch {
                #expect(error.status == 409 && error.body.code == "pull.cursor_ahead", "\(kind): \(error.body.code)")
                #expect(error.body.message.contains("备份恢复"))
            }
        }
    }

    // MARK: the same workload on both stores

    @Test("a random workload leaves SQLite and PostgreSQL with identical rows, conflict logs, feeds and answers", arguments: [1, 2, 3] as [UInt64])
    func sameResultsOnBothStores(seed: UInt64) async throws {
        var workload = RandomWorkload(seed: seed)
        let batches = workload.batches()
        var results: [StoreKind: WorkloadResult] = [:]
        for kind in StoreKind.allCases {
            results[kind] = try await withFreshStore(kind) { store in try await RandomWorkload.run(batches, on: store) }
        }
        let sqlite = try #require(results[.sqlite]), postgres = try #require(results[.postgres])
        #expect(sqlite.answers.count == batches.count)
        #expect(sqlite.conflicts.count > 0, "seed \(seed): the workload makes conflicts (else it tests little)")
        #expect(sqlite.answers == postgres.answers, "seed \(seed): push answers (server clocks aside)")
        #expect(sqlite.rows == postgres.rows, "seed \(seed): merged rows")
        #expect(sqlite.conflicts == postgres.conflicts, "seed \(seed): conflict logs")
        #expect(sqlite.pulled == postgres.pulled, "seed \(seed): pulled feeds")
    }
}
