import CentralStore
import DistrictTestSupport
import Foundation
import Logging
import MergeStore
import PostgresCentralStore
import PostgresNIO
import SQLiteDB
import Synchronization
import SyncModel
import Testing

/// Several server instances on one PostgreSQL database: each instance is its own store object with its
/// own connection pool (as two `dsync serve` processes would be), pushing and pulling at the same time.
@Suite("PostgreSQL store: several instances at once")
struct PostgresConcurrencyTests {
    static let row = "01906a1c-8f00-7a3b-9c4d-5e6f7a8b9c0d"

    static func creation(_ row: String, office: String, site: SiteID, clock: Int64) -> Change {
        Change(table: "project", rowID: row, unit: "*", values: [
            "owner_unit_id": .text(office), "project_no": .text("\(office)-\(row.suffix(4))"), "name": .text("项目"),
            "total_invest": .integer(100_000_000), "pool": .text("谋划库"), "stage": .text("前期"),
        ], clock: HybridTimestamp(rawValue: clock), site: site, office: office)
    }

    static func site(_ i: Int) -> SiteID { SiteID(hex: String(format: "%032x", 0xA000 + i))! }

    @Test("two instances merge the same cells concurrently: the greatest clock always wins, conflict log as SQLite's", arguments: [1, 2] as [UInt64])
    func sameCellsFromTwoInstances(seed: UInt64) async throws {
        let url = try TestPostgres.freshDatabase()
        let one = try await PostgresCentralStore.open(url, units: TestUnits.all)
        let two = try await PostgresCentralStore.open(url, units: TestUnits.all)
        let office = TestUnits.huaiheRoad
        let token = try await one.createToken(office: office, label: nil)
        let base: Int64 = 112_704_513_638_400_000
        _ = try await one.push(PushRequest(batchID: "create", replica: Self.site(99), seq: 1,
                                           changes: [Self.creation(Self.row, office: office, site: Self.site(99), clock: base)]), token: token)

        // Eight replicas, each five batches of edits to the same two cells, clocks shuffled so that
        // arrival order and clock order disagree (clock ties between sites are the merge vectors' job).
        var g = SeededGenerator(state: seed)
        var clocks = (1...80).map { base + Int64($0) * 65_536 }
        clocks.shuffle(using: &g)
        var batchesByReplica: [[PushRequest]] = []
        var all: [Change] = []
        for r in 0..<8 {
            var batches: [PushRequest] = []
            for b in 0..<5 {
                let k = (r * 5 + b) * 2
                let changes = [
                    Change(table: "project", rowID: Self.row, unit: "total_invest", values: ["total_invest": .integer(Int64(k) * 1_000)],
                           clock: HybridTimestamp(rawValue: clocks[k]), site: Self.site(r), office: office),
                    Change(table: "project", rowID: Self.row, unit: "name", values: ["name": .text("名称\(k)")],
                           clock: HybridTimestamp(rawValue: clocks[k + 1]), site: Self.site(r), office: office),
                ]
                all += changes
                batches.append(PushRequest(batchID: "r\(r)b\(b)", replica: Self.site(r), seq: Int64(b + 1), changes: changes))
            }
            batchesByReplica.append(batches)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (r, batches) in batchesByReplica.enumerated() {
                let store = r % 2 == 0 ? one : two
                group.addTask {
                    for batch in batches {
                        let answer = try await store.push(batch, token: token)
                        #expect(answer.accepted == 2 && answer.rejected.isEmpty)
                    }
                }
            }
            try await group.waitForAll()
        }

        let row = try #require(try await two.currentRow(table: "project", id: Self.row))
        for unit in ["total_invest", "name"] {
            let winner = all.filter { $0.unit == unit }.max { $0.id < $1.id }!
            #expect(row[unit] == winner.values[unit], "seed \(seed): \(unit) holds the greatest (clock, site)")
        }
        // The same changes merged one by one on SQLite give the same conflict log.
        let dir = TemporaryDirectory("race")
        let reference = try SQLiteCentralStore(path: dir.file("central.db"), units: TestUnits.all)
        _ = try reference.importBatch(PushRequest(batchID: "create", replica: Self.site(99), seq: 1,
                                                  changes: [Self.creation(Self.row, office: office, site: Self.site(99), clock: base)]))
        for batches in batchesByReplica { for b in batches { _ = try reference.importBatch(b) } }
        let pgConflicts = try await one.conflicts()
        #expect(pgConflicts.count == 78, "seed \(seed): every loser of both cells is logged once")
        #expect(pgConflicts == (try reference.conflicts()), "seed \(seed): conflict log identical to SQLite's")
        #expect(try await one.currentRow(table: "project", id: Self.row) == (try reference.currentRow(table: "project", id: Self.row)))
        await one.close()
        await two.close()
    }

    @Test("change-feed gap: a transaction holding a lower position blocks a later one, and a pull between misses nothing")
    func feedGapInterleaving() async throws {
        let url = try TestPostgres.freshDatabase()
        let store = try await PostgresCentralStore.open(url, units: TestUnits.all)
        let token = try await store.createToken(office: TestUnits.huaiheRoad, label: nil)
        let a = Self.creation("01906a1c-8f00-7a3b-9c4d-5e6f7a8b0001", office: TestUnits.huaiheRoad, site: Self.site(1), clock: 112_704_513_638_400_000)
        let b = Self.creation("01906a1c-8f00-7a3b-9c4d-5e6f7a8b0002", office: TestUnits.huaiheRoad, site: Self.site(2), clock: 112_704_513_638_465_536)
        let now = WallClock.nowMillis()
        let finished = Flag()

        try await RawPostgres.with(url) { connA, connB, observer in
            // A takes its position and stays open.
            try await connA.rows("BEGIN")
            let stampA = try await PostgresCentralStore.appendToFeed([FeedEntry(district: TestUnits.district, change: a)], site: a.site.hex, now: now, on: connA)
            // B wants the next position and commits as soon as it can.
            async let stampB = Self.appendAndCommit(b, now: now, on: connB, then: finished)
            // Wait until B is waiting for A's lock (not a timing guess: PostgreSQL says so).
            try await RawPostgres.waitForBlockedBackend(observer)
            let between = try await store.pull(after: 0, limit: 100, token: token)
            #expect(between.changes.isEmpty, "A is uncommitted and B cannot have committed")
            #expect(finished.value == false, "B did not commit before A")
            try await connA.rows("COMMIT")
            let stampOfB = try await stampB
            #expect(stampA.lastSeq < stampOfB.firstSeq, "positions follow commit order")
            let next = try await store.pull(after: between.cursor, limit: 100, token: token)
            #expect(next.changes.map(\.id) == [a.id, b.id] as [ChangeID], "the pull after misses neither change")
        }
        await store.close()
    }

    static func appendAndCommit(_ c: Change, now: Int64, on conn: PostgresConnection, then flag: Flag) async throws -> FeedStamp {
        try await conn.rows("BEGIN")
        let stamp = try await PostgresCentralStore.appendToFeed([FeedEntry(district: TestUnits.district, change: c)], site: c.site.hex, now: now, on: conn)
        try await conn.rows("COMMIT")
        flag.set()
        return stamp
    }

    @Test("pushes through two instances while a third pulls continuously: the puller sees every change exactly once")
    func pullerNeverSkips() async throws {
        let url = try TestPostgres.freshDatabase()
        let one = try await PostgresCentralStore.open(url, units: TestUnits.all)
        let two = try await PostgresCentralStore.open(url, units: TestUnits.all)
        let reader = try await PostgresCentralStore.open(url, units: TestUnits.all)
        let token = try await one.createToken(office: TestUnits.huaiheRoad, label: nil)
        let done = Flag()
        var expected = Set<ChangeID>()
        var work: [(PostgresCentralStore, [PushRequest])] = []
        for r in 0..<6 {
            var batches: [PushRequest] = []
            for b in 0..<10 {
                var changes: [Change] = []
                for k in 0..<3 {
                    let n: Int = r * 1000 + b * 10 + k
                    let clock: Int64 = 112_704_513_638_400_000 + Int64(b * 3 + k) * 65_536
                    let row = "01906a1c-8f00-7a3b-9c4d-" + String(format: "%012x", n)
                    changes.append(Self.creation(row, office: TestUnits.huaiheRoad, site: Self.site(r), clock: clock))
                }
                expected.formUnion(changes.map(\.id))
                batches.append(PushRequest(batchID: "r\(r)b\(b)", replica: Self.site(r), seq: Int64(b + 1), changes: changes))
            }
            work.append((r % 2 == 0 ? one : two, batches))
        }
        let seen = try await withThrowingTaskGroup(of: [ChangeID].self) { group in
            for (store, batches) in work {
                group.addTask {
                    for batch in batches { _ = try await store.push(batch, token: token) }
                    return []
                }
            }
            group.addTask {
                var cursor: Int64 = 0
                var seen: [ChangeID] = []
                // Pull while pushes run; after they all finished, one last full pass.
                while true {
                    let finished = done.value
                    let page = try await reader.pull(after: cursor, limit: 25, token: token)
                    seen += page.changes.map(\.id)
                    cursor = page.cursor
                    if finished && !page.more { return seen }
                }
            }
            var pushers = work.count
            var result: [ChangeID] = []
            for try await ids in group {
                if ids.isEmpty {
                    pushers -= 1
                    if pushers == 0 { done.set() }
                } else {
                    result = ids
                }
            }
            return result
        }
        #expect(seen.count == expected.count, "every change once, none twice")
        #expect(Set(seen) == expected, "no change skipped")
        for s in [one, two, reader] { await s.close() }
    }
}

/// A flag set once, readable from any task.
final class Flag: Sendable {
    private let state = Mutex(false)
    var value: Bool { state.withLock { $0 } }
    func set() { state.withLock { $0 = true } }
}

/// Plain PostgreSQL connections for tests that drive transactions by hand.
enum RawPostgres {
    /// Runs `body` with two connections and an observer connection to the database at `url`.
    static func with(_ url: PostgresURL, _ body: (PostgresConnection, PostgresConnection, PostgresConnection) async throws -> Void) async throws {
        var config = PostgresClient.Configuration(host: url.host, port: url.port, username: url.user, password: url.password,
                                                  database: url.database, tls: .disable)
        config.options.maximumConnections = 3
        let client = PostgresClient(configuration: config)
        let runner = Task { await client.run() }
        do {
            try await client.withConnection { a in
                try await client.withConnection { b in
                    try await client.withConnection { o in try await body(a, b, o) }
                }
            }
        } catch {
            runner.cancel()
            throw error
        }
        runner.cancel()
    }

    /// Returns once some backend of this database waits for a lock.
    static func waitForBlockedBackend(_ observer: PostgresConnection) async throws {
        for _ in 0..<2_000 {
            let n = try await observer.scalar("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity s USING (pid) WHERE NOT l.granted AND s.datname = current_database()")
            if (n?.integer ?? 0) > 0 { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("no backend ever waited for the feed lock")
    }
}
