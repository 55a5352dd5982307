import CentralStore
import DistrictTestSupport
import Foundation
import PostgresCentralStore
import SyncModel
import Testing

/// `dsync store copy` between SQLite and PostgreSQL, both ways: checksums agree, and the copy serves the
/// same rows, conflicts, feed and stored push answers as the original.
@Suite("Store copy (SQLite ↔ PostgreSQL)")
struct StoreCopyTests {
    @Test("SQLite → PostgreSQL → SQLite: every table's checksum equal, and the copies answer like the original")
    func roundTrip() async throws {
        let dir = TemporaryDirectory("copy")
        let original = dir.file("central.db")
        var workload = RandomWorkload(seed: 5)
        let batches = workload.batches()
        let sqlite = try SQLiteCentralStore(path: original, units: TestUnits.all)
        let before = try await RandomWorkload.run(batches, on: sqlite)
        let tokens = try sqlite.query("SELECT count(*) FROM tokens").first?.first?.integer

        let pg = try TestPostgres.freshDatabase()
        // Small pages on both legs (7, then 3) so that keyset paging crosses many page boundaries of every
        // key shape (integer feed positions, composite text keys of the history and conflict log).
        let there = try await StoreCopy.copy(from: original, to: pg.connectionString, catalog: .standard, units: TestUnits.all, pageSize: 7)
        #expect(there.verified)
        for sum in there.source {
            let count = try sqlite.query("SELECT count(*) FROM \"\(sum.table)\"").first?.first?.integer
            #expect(sum.rows == Int(count ?? -1), "every row of \(sum.table) is read, page by page")
        }
        #expect(there.source.first { $0.table == "feed" }?.rows == before.pulled.count, "the whole feed moved")
        #expect(there.source.first { $0.table == "_ds_conflict" }?.rows == before.conflicts.count)
        #expect(there.source.first { $0.table == "tokens" }?.rows == Int(tokens ?? -1))

        let back = dir.file("back.db")
        let home = try await StoreCopy.copy(from: pg.connectionString, to: back, catalog: .standard, units: TestUnits.all, pageSize: 3)
        #expect(home.verified)
        #expect(home.source == there.source, "PostgreSQL holds exactly what SQLite held")

        // Each copy answers as the original did: rows, conflicts, the feed, and a re-sent batch's stored answer.
        let copies: [any CentralStore] = [
            try await PostgresCentralStore.open(pg, units: TestUnits.all), try SQLiteCentralStore(path: back, units: TestUnits.all),
        ]
        for store in copies {
            #expect(try await store.conflicts() == before.conflicts, "\(store.location): conflicts")
            for (row, value) in before.rows { #expect(try await store.currentRow(table: "project", id: row) == value, "\(store.location): \(row)") }
            let token = try await store.createToken(office: TestUnits.mingongRoad, label: nil)
            let feed = try await store.pull(after: 0, limit: 1000, token: token)
            #expect(feed.changes == before.pulled, "\(store.location): feed")
            let last = try #require(batches.last)
            let office = RandomWorkload.replicas.first { $0.site == last.replica }!.office
            let officeToken = try await store.createToken(office: office, label: nil)
            var again: PushResponse = try await store.push(last, token: officeToken)
            again.serverClock = HybridTimestamp.zero
            #expect(again == before.answers.last, "\(store.location): a re-sent batch gets the stored answer")
            await store.close()
        }
    }

    @Test("a destination that already holds data is refused and left untouched")
    func refusesNonEmpty() async throws {
        let dir = TemporaryDirectory("copy")
        let a = dir.file("a.db"), b = dir.file("b.db")
        _ = try SQLiteCentralStore(path: a, units: TestUnits.all).createToken(office: TestUnits.huaiheRoad)
        let target = try SQLiteCentralStore(path: b, units: TestUnits.all)
        _ = try target.createToken(office: TestUnits.mingongRoad)
        do {
            _ = try await StoreCopy.copy(from: a, to: b, catalog: .standard, units: TestUnits.all)
            Issue.record("copied into a non-empty store")
        } catch let f as SyncFailure {
            #expect(f.body.code == "copy.destination_not_empty")
            #expect(f.body.message.contains(b))
        }
        #expect(try target.query("SELECT office FROM tokens").map { $0[0].text } == [TestUnits.mingongRoad])
    }
}
