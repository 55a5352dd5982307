@testable import CentralStore
import DistrictTestSupport
import Domain
import MergeStore
import Foundation
import SQLiteDB
import SyncModel
import SyncServer
import Synchronization
import Testing

/// Pushes committed together (`CentralStore.pushGroup`, what `SyncService` does with the pushes that arrive
/// while the store is busy) must leave the store exactly as the same pushes applied one by one: the same
/// answers and refusals, rows, conflict log and feed, and nothing kept of a group that failed midway.
@Suite("Pushes committed in groups", .timeLimit(.minutes(2)))
struct PushGroupTests {
    /// What one push came to, comparable across stores (server clocks zeroed, refusals by status and code).
    enum Outcome: Equatable, CustomStringConvertible {
        case answered(PushResponse)
        case refused(Int, String)

        init(_ result: Result<PushResponse, SyncFailure>) {
            switch result {
            case .success(var answer):
                answer.serverClock = .zero
                self = .answered(answer)
            case .failure(let f): self = .refused(f.status, f.body.code)
            }
        }

        var description: String {
            switch self {
            case .answered(let a): "answered \(a.seq): \(a.accepted) accepted, \(a.rejected.count) refused"
            case .refused(let s, let c): "refused \(s) \(c)"
            }
        }
    }

    /// The random workload's batches with the awkward ones mixed in: a batch sent again right after itself
    /// (answered from what the same group just stored), one sent again much later, a sequence gap, an unknown
    /// token, and another office's token on a replica.
    static func pushes(seed: UInt64, tokens: [String: String]) -> [QueuedPush] {
        var workload = RandomWorkload(seed: seed)
        var out: [QueuedPush] = []
        for batch in workload.batches() {
            let office = RandomWorkload.replicas.first { $0.site == batch.replica }!.office
            out.append(QueuedPush(request: batch, token: tokens[office]!))
        }
        out.insert(out[7], at: 8)
        out.append(out[3])
        var gap = out[10].request
        gap.seq += 40
        gap.batchID = "gap"
        out.insert(QueuedPush(request: gap, token: out[10].token), at: 12)
        out.insert(QueuedPush(request: out[14].request, token: "dst_unknown"), at: 14)
        let wrongOffice = tokens.first { $0.key != RandomWorkload.replicas.first { $0.site == out[20].request.replica }!.office }!.value
        out.insert(QueuedPush(request: out[20].request, token: wrongOffice), at: 20)
        return out
    }

    /// Creates the workload's tokens with fixed values (both stores then get byte-identical pushes).
    static func tokens(_ store: any CentralStore) async throws -> [String: String] {
        var tokens: [String: String] = [:]
        for office in Set(RandomWorkload.replicas.map(\.office)).sorted() { tokens[office] = try await store.createToken(office: office, label: nil) }
        return tokens
    }

    /// Applies `pushes` one by one, or in groups of seeded random sizes (1…9), and reads what the store holds.
    static func run(_ store: any CentralStore, seed: UInt64, grouped: Bool) async throws -> ([Outcome], WorkloadResult) {
        let all = pushes(seed: seed, tokens: try await tokens(store))
        var outcomes: [Outcome] = []
        if grouped {
            var g = SeededGenerator(state: seed &+ 99)
            var rest = all[...]
            while !rest.isEmpty {
                let group = Array(rest.prefix(Int.random(in: 1...9, using: &g)))
                rest = rest.dropFirst(group.count)
                let results = await store.pushGroup(group)
                #expect(results.count == group.count)
                outcomes += results.map(Outcome.init)
            }
        } else {
            for p in all {
                do throws(SyncFailure) {
                    outcomes.append(Outcome(.success(try await store.push(p.request, token: p.token))))
                } catch {
                    outcomes.append(Outcome(.failure(error)))
                }
            }
        }
        var held = WorkloadResult()
        for row in RandomWorkload.rowIDs { held.rows[row] = try await store.currentRow(table: "project", id: row) }
        held.conflicts = try await store.conflicts()
        let reader = try await store.createToken(office: TestUnits.mingongRoad, label: nil)
        var cursor: Int64 = 0
        repeat {
            let page = try await store.pull(after: cursor, limit: 50, token: reader)
            held.pulled += page.changes
            cursor = page.cursor
            if !page.more { break }
        } while true
        return (outcomes, held)
    }

    @Test("a group of pushes leaves the store as the same pushes one by one", arguments: StoreKind.allCases, [1, 2, 3] as [UInt64])
    func groupedEqualsOneByOne(_ kind: StoreKind, seed: UInt64) async throws {
        let (single, singleHeld) = try await withFreshStore(kind) { try await Self.run($0, seed: seed, grouped: false) }
        let (grouped, groupedHeld) = try await withFreshStore(kind) { try await Self.run($0, seed: seed, grouped: true) }
        #expect(single.count == grouped.count)
        for (i, (a, b)) in zip(single, grouped).enumerated() where a != b {
            Issue.record("\(kind) seed \(seed), push \(i): one by one \(a), in a group \(b)")
        }
        // The mixed-in pushes were refused or answered again as they must be, so the comparison covers them.
        let refusals = single.compactMap { if case .refused(let status, let code) = $0 { "\(status) \(code)" } else { nil } }
        #expect(refusals.sorted() == ["401 auth.invalid_token", "403 auth.replica_office", "409 \(SyncProtocol.sequenceGapCode)"], "\(refusals)")
        #expect(singleHeld.rows == groupedHeld.rows, "\(kind) seed \(seed): merged rows")
        #expect(singleHeld.conflicts == groupedHeld.conflicts, "\(kind) seed \(seed): conflict logs")
        #expect(singleHeld.pulled == groupedHeld.pulled, "\(kind) seed \(seed): the feed, in order")
        #expect(!singleHeld.conflicts.isEmpty)
    }

    // MARK: a group that fails midway

    /// A creation of 淮河路 with a long text (about a page of the state table and one of the feed per row).
    static func bulkyBatch(_ seq: Int64, rows: Int, site: SiteID) -> PushRequest {
        let text = String(repeating: "项目建设内容说明", count: 120)
        let changes = (0..<rows).map { i in
            Change(table: "project", rowID: RowID.format(wallMillis: 1_733_000_000_000 + seq, randomHigh: 0, randomLow: UInt64(i)), unit: "*",
                   values: ["owner_unit_id": .text(TestUnits.huaiheRoad), "project_no": .text("410103001-2024-\(seq)\(1000 + i)"),
                            "name": .text("项目\(seq)-\(i)"), "problems": .text(text)],
                   clock: HybridTimestamp(wallMillis: WallClock.nowMillis(), counter: seq), site: site, office: TestUnits.huaiheRoad)
        }
        return PushRequest(batchID: "0b1e7a52-3c4d-4e5f-8a9b-0c1d2e3f4a\(seq)0", replica: site, seq: seq, changes: changes)
    }

    static func projectRows(_ store: SQLiteCentralStore) throws -> Int64 {
        try store.query("SELECT count(*) FROM project")[0][0].integer ?? -1
    }

    @Test("a group that fails once writing has begun keeps nothing of itself; each push is then applied alone and only the one at fault fails")
    func failedGroupFallsBackToOneByOne() async throws {
        let site = SiteID(hex: "6c2f0c2a9e8d47f6a3b2c1d0e9f8a7b6")!
        let batches = [Self.bulkyBatch(1, rows: 40, site: site), Self.bulkyBatch(2, rows: 40, site: site), Self.bulkyBatch(3, rows: 120, site: site)]

        // How many pages the first two batches take, measured on a twin store.
        let twinDir = TemporaryDirectory("group-twin")
        let twin = try SQLiteCentralStore(path: twinDir.file("central.db"), units: TestUnits.all)
        let twinToken = try twin.createToken(office: TestUnits.huaiheRoad)
        let before = try twin.query("PRAGMA page_count")[0][0].integer!
        for b in batches.prefix(2) { #expect(try twin.push(b, token: twinToken).accepted == 40) }
        let needed = try twin.query("PRAGMA page_count")[0][0].integer! - before

        let dir = TemporaryDirectory("group-full")
        let store = try SQLiteCentralStore(path: dir.file("central.db"), units: TestUnits.all)
        let token = try store.createToken(office: TestUnits.huaiheRoad)
        // The file may grow by what the first two batches need (and a little), not by the third's 120 rows.
        let start = try store.query("PRAGMA page_count")[0][0].integer!
        _ = try store.db.query("PRAGMA max_page_count = \(start + needed + 4)")

        let results = store.pushGroup(batches.map { QueuedPush(request: $0, token: token) })
        #expect(results.count == 3)
        #expect((try? results[0].get())?.accepted == 40, "\(results[0])")
        #expect((try? results[1].get())?.accepted == 40, "\(results[1])")
        guard case .failure(let failure) = results[2] else {
            Issue.record("the third batch does not fit and must fail: \(results[2])")
            return
        }
        #expect(failure.status == 507 && failure.body.code == "store.disk_full")
        #expect(try Self.projectRows(store) == 80, "the first two batches are kept, nothing of the third")
        #expect(try store.query("SELECT push_seq FROM replicas").first?.first?.integer == 2)
        #expect(try store.query("SELECT count(*) FROM feed").first?.first?.integer == 80)

        // With room again, the third batch is applied, and the first two are answered from what was stored.
        _ = try store.db.query("PRAGMA max_page_count = 1073741823")
        let again = store.pushGroup(batches.map { QueuedPush(request: $0, token: token) })
        #expect(again.compactMap { try? $0.get().accepted } == [40, 40, 120])
        #expect(try Self.projectRows(store) == 200)
    }

    // MARK: the service

    @Test("pushes that arrive while the store is busy are committed as one group, each replica's in sequence order")
    func serviceGroupsWhatQueuesUp() async throws {
        // A batch refused for overtaking would wait for its predecessor and be applied in a group of its own.
        let world = try GatedService("group-service", gapWait: .seconds(30))
        let (service, gate) = (world.service, world.gate)

        // Batch 1's group waits at the gate (no thread held: the store's first group awaits it).
        let first = world.send(1)
        try await Self.eventually { !gate.groups.isEmpty }
        // Batches 4, 3 and 2 arrive meanwhile, last first.
        var later: [Task<PushResponse, any Error>] = []
        for seq in [4, 3, 2] as [Int64] {
            later.append(world.send(seq))
            try await Self.eventually { service.queuedPushes >= 5 - Int(seq) }
        }
        #expect(service.queuedPushes == 3, "the three later batches wait for the store together")
        gate.open()

        #expect(try await first.value.accepted == 1)
        for task in later { #expect(try await task.value.accepted == 1) }
        #expect(gate.groups == [[1], [2, 3, 4]], "batch 1 alone, then 2, 3 and 4 in one group, in sequence order")
        #expect(service.pushGroupsApplied == 2)
        #expect(service.waitingPushes == 0)
        try world.expectAllFourStored()
    }

    /// Waits (polling, at most about 10 s: well within the tests' `gapWait`) until `ready()` holds.
    static func eventually(_ ready: () -> Bool) async throws {
        for _ in 0..<1_000 where !ready() { try await Task.sleep(for: .milliseconds(10)) }
    }

    @Test("batches waiting for a late predecessor go on once it is queued, and are committed in one group, not one each")
    func waitingBatchesFollowTheirPredecessorIntoTheQueue() async throws {
        let world = try GatedService("group-chain", holding: [0, 2], gapWait: .seconds(60))
        let (service, gate, send) = (world.service, world.gate, world.send)

        let first = send(1)
        try await Self.eventually { gate.groups.count == 1 }
        // Batches 3 and 4 arrive while batch 1 is held; 2 is late. Tried together, both are refused as gaps
        // and wait: 3 for 2, 4 for 3.
        let later = [send(3), send(4)]
        try await Self.eventually { service.queuedPushes == 2 }
        gate.open()
        try await Self.eventually { service.waitingPushes == 2 }
        #expect(gate.groups == [[1], [3, 4]])

        // Batch 2 arrives; its group is held at the gate. Queued is enough for 3, and then 4, to follow: they
        // join 2's group or queue up behind it while it is held.
        let second = send(2)
        try await Self.eventually {
            service.waitingPushes == 0 && gate.groups.count == 3 && gate.groups[2].count + service.queuedPushes == 3
        }
        #expect(service.waitingPushes == 0, "3 and 4 follow 2 while it is being committed")
        #expect(gate.groups.count == 3 && gate.groups[2].first == 2, "\(gate.groups)")
        gate.open()

        for task in [first, second] + later { #expect(try await task.value.accepted == 1) }
        let after = Array(gate.groups.dropFirst(2))
        #expect(Array(after.joined()) == [2, 3, 4] && after.count <= 2, "2, 3 and 4 in at most two transactions, not one each: \(gate.groups)")
        try world.expectAllFourStored()
    }

    @Test("a batch whose queued predecessor is refused as a gap itself waits again rather than retrying in a loop")
    func waitingAgainAfterTheQueuedPredecessorIsRefused() async throws {
        let world = try GatedService("group-rewait", holding: [], gapWait: .seconds(60))
        let (service, gate, send) = (world.service, world.gate, world.send)

        #expect(try await send(1).value.accepted == 1)
        // 3 waits for 2; 4 waits for 3.
        let third = send(3)
        try await Self.eventually { service.waitingPushes == 1 }
        let fourth = send(4)
        try await Self.eventually { service.waitingPushes == 2 }
        // 3 sent again (as by a client's retry) is queued — 4 goes on with it — and both are refused again.
        let thirdAgain = send(3)
        try await Self.eventually { service.waitingPushes == 3 }
        let groupsBefore2 = gate.groups.count
        try await Task.sleep(for: .milliseconds(200))
        #expect(gate.groups.count == groupsBefore2, "nobody retries while 2 is missing: \(gate.groups)")

        let second = send(2)
        for task in [second, third, fourth, thirdAgain] { #expect(try await task.value.accepted == 1) }
        #expect(try ProcessRunner.sqlite3(world.dir.file("central.db"), "SELECT push_seq FROM replicas;").stdout == "4\n")
        try world.expectAllFourStored()
    }
}

/// A service over a fresh SQLite store whose groups of pushes pass a `Gate`, and 淮河路's replica pushing
/// `PipelinedPushTests`' one-row batches to it.
struct GatedService {
    let dir: TemporaryDirectory
    let gate: Gate
    let service: SyncService
    let token: String
    let pipelined = PipelinedPushTests()

    init(_ name: String, holding: Set<Int> = [0], gapWait: Duration) throws {
        dir = TemporaryDirectory(name)
        let inner = try SQLiteCentralStore(path: dir.file("central.db"), units: TestUnits.all)
        token = try inner.createToken(office: TestUnits.huaiheRoad)
        gate = Gate(holding: holding)
        service = SyncService(store: GatedStore(inner, gate: gate), gapWait: gapWait)
    }

    /// Pushes batch `seq` in a task of its own.
    func send(_ seq: Int64) -> Task<PushResponse, any Error> {
        let (service, batch, token) = (service, pipelined.batch(seq), token)
        return Task { try await service.push(batch, token: token) }
    }

    /// Batches 1 to 4 each left their row in the store.
    func expectAllFourStored() throws {
        for seq in 1...4 as ClosedRange<Int64> { #expect(try pipelined.name(dir, pipelined.batch(seq)) == "项目\(seq)") }
    }
}

/// Holds chosen groups of pushes (by default the first) until the test opens the gate for each
/// (suspending, not blocking a thread), and records the sequence numbers of every group.
final class Gate: Sendable {
    private struct State {
        /// Indexes of the groups that wait for `open()`.
        var held: Set<Int>
        /// Calls of `open()` no held group has used yet.
        var opens = 0
        var waiter: CheckedContinuation<Void, Never>?
        var groups: [[Int64]] = []
        var threads: [String] = []
        var niceness: [Int] = []
    }

    private let state: Mutex<State>

    init(holding groups: Set<Int> = [0]) { state = Mutex(State(held: groups)) }

    var groups: [[Int64]] { state.withLock { $0.groups } }
    /// The name of the thread each group was committed on.
    var threads: [String] { state.withLock { $0.threads } }
    /// The nice value of the thread each group was committed on.
    var niceness: [Int] { state.withLock { $0.niceness } }

    func recordThread() {
        let name = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
        let nice = Self.threadNiceness()
        state.withLock {
            $0.threads.append(name)
            $0.niceness.append(nice)
        }
    }

    /// The calling thread's nice value (field 19 of /proc/thread-self/stat; -99 when unreadable).
    static func threadNiceness() -> Int {
        guard let stat = try? String(contentsOfFile: "/proc/thread-self/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return -99 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 16 ? Int(fields[16]) ?? -99 : -99
    }

    /// Lets the held group waiting at the gate through, or else the next one to arrive.
    func open() {
        state.withLock { s -> CheckedContinuation<Void, Never>? in
            guard let w = s.waiter else {
                s.opens += 1
                return nil
            }
            s.waiter = nil
            return w
        }?.resume()
    }

    /// Records a group; a held one waits until the gate is opened for it.
    func pass(_ seqs: [Int64]) async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let go = state.withLock { s in
                s.groups.append(seqs)
                guard s.held.contains(s.groups.count - 1) else { return true }
                if s.opens > 0 {
                    s.opens -= 1
                    return true
                }
                s.waiter = c
                return false
            }
            if go { c.resume() }
        }
    }
}

/// A SQLite store whose groups of pushes pass through a `Gate`; everything else is the store's own.
final class GatedStore: CentralStore {
    let inner: SQLiteCentralStore
    let gate: Gate

    init(_ inner: SQLiteCentralStore, gate: Gate) {
        self.inner = inner
        self.gate = gate
    }

    var catalog: Catalog { inner.catalog }
    var schemaVersion: Int { inner.schemaVersion }
    var location: String { inner.location }
    var units: [OrgUnitSeed] { inner.units }
    var commitsGroups: Bool { inner.commitsGroups }

    nonisolated(nonsending) func pushGroup(_ pushes: [QueuedPush]) async -> [Result<PushResponse, SyncFailure>] {
        await gate.pass(pushes.map(\.request.seq))
        gate.recordThread()
        return inner.pushGroup(pushes)
    }

    nonisolated(nonsending) func push(_ request: PushRequest, token: String) async throws(SyncFailure) -> PushResponse { try inner.push(request, token: token) }
    nonisolated(nonsending) func importBatch(_ request: PushRequest) async throws(SyncFailure) -> PushResponse { try inner.importBatch(request) }
    nonisolated(nonsending) func pull(after: Int64, limit: Int, token: String) async throws(SyncFailure) -> PullResponse { try inner.pull(after: after, limit: limit, token: token) }
    nonisolated(nonsending) func status() async throws(SyncFailure) -> ServerStatus { try inner.status() }
    nonisolated(nonsending) func createToken(office: String, label: String?) async throws -> String { try inner.createToken(office: office, label: label) }
    nonisolated(nonsending) func revokeTokens(office: String) async throws -> Int { try inner.revokeTokens(office: office) }
    nonisolated(nonsending) func conflicts() async throws -> [ConflictRecord] { try inner.conflicts() }
    nonisolated(nonsending) func currentRow(table: String, id: String) async throws -> [String: CellValue]? { try inner.currentRow(table: table, id: id) }
    nonisolated(nonsending) func figures() async throws -> StoreFigures { try inner.figures() }
    nonisolated(nonsending) func office(forToken token: String) async -> String? { inner.office(forToken: token) }
    nonisolated(nonsending) func close() async {}
}
