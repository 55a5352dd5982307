import CentralStore
import DistrictTestSupport
import Foundation
import Replica
import SyncClient
import SyncModel
import SyncServer
import Testing

/// Two push batches of one replica on the wire at once: the server lets a batch that overtook its
/// predecessor wait for it, the client re-sends one that was refused for overtaking anyway, and a real gap
/// is still refused.
@Suite("Pipelined pushes", .timeLimit(.minutes(1)))
struct PipelinedPushTests {
    let site = SiteID(hex: "5b1f0c2a9e8d47f6a3b2c1d0e9f8a7b6")!

    func batch(_ seq: Int64) -> PushRequest {
        let change = Change(
            table: "project", rowID: "01906b00-0000-7000-8000-00000000000\(seq)", unit: "*",
            values: ["owner_unit_id": .text(TestUnits.huaiheRoad), "project_no": .text("410103001-2024-010\(seq)"), "name": .text("项目\(seq)")],
            clock: HybridTimestamp(wallMillis: WallClock.nowMillis(), counter: seq), site: site, office: TestUnits.huaiheRoad)
        return PushRequest(batchID: "0b1e7a52-3c4d-4e5f-8a9b-0c1d2e3f4a6\(seq)", replica: site, seq: seq, changes: [change])
    }

    /// The stored name of the row `request` creates ("" when absent), read through a connection of its own.
    func name(_ dir: TemporaryDirectory, _ request: PushRequest) throws -> String {
        try ProcessRunner.sqlite3(dir.file("central.db"), "SELECT name FROM project WHERE id = '\(request.changes[0].rowID)';")
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A service over a fresh SQLite store in `dir`, and a token of 淮河路.
    func service(_ dir: TemporaryDirectory, gapWait: Duration) throws -> (SyncService, String) {
        let store = try SQLiteCentralStore(path: dir.file("central.db"), units: TestUnits.all)
        let token = try store.createToken(office: TestUnits.huaiheRoad)
        return (SyncService(store: store, gapWait: gapWait), token)
    }

    @Test("a batch that arrives before the one it follows waits for it, then is applied")
    func overtakingBatchWaits() async throws {
        let dir = TemporaryDirectory("pipeline")
        // A long wait: if the second batch were only retried when its wait ran out, the suite's time limit would fail it.
        let (service, token) = try service(dir, gapWait: .seconds(120))
        let second = Task { try await service.push(batch(2), token: token) }
        for _ in 0..<2_000 where service.waitingPushes == 0 { try await Task.sleep(for: .milliseconds(5)) }
        let first = try await service.push(batch(1), token: token)
        let answer = try await second.value
        #expect(first.accepted == 1 && answer.accepted == 1 && answer.seq == 2)
        #expect(try name(dir, batch(2)) == "项目2")
    }

    @Test("a real gap is still refused with 409 once the wait is over, and the store is unchanged")
    func realGapRefused() async throws {
        let dir = TemporaryDirectory("pipeline")
        let (service, token) = try service(dir, gapWait: .milliseconds(100))
        _ = try await service.push(batch(1), token: token)
        await #expect(throws: SyncFailure.self) { try await service.push(batch(3), token: token) }
        do {
            _ = try await service.push(batch(3), token: token)
        } catch {
            #expect(error.status == 409 && error.body.code == SyncProtocol.sequenceGapCode)
        }
        #expect(try name(dir, batch(3)) == "")
        #expect(try await service.push(batch(2), token: token).accepted == 1)
    }

    /// Holds batch 1 back until batch 2 has been answered, as a second server instance could.
    final class OvertakingTransport: SyncTransport, @unchecked Sendable {
        let inner: InProcessTransport
        let secondAnswered = DispatchSemaphore(value: 0)
        let lock = NSLock()
        var seen: [Int64] = []

        init(_ inner: InProcessTransport) { self.inner = inner }

        func push(_ request: PushRequest) throws(SyncClientError) -> PushResponse {
            lock.withLock { seen.append(request.seq) }
            if request.seq == 1 { secondAnswered.wait() }
            defer { if request.seq == 2 { secondAnswered.signal() } }
            return try inner.push(request)
        }

        func pull(after: Int64, limit: Int) throws(SyncClientError) -> PullResponse { try inner.pull(after: after, limit: limit) }
    }

    @Test("the client sends the next batch before the answer, and re-sends a batch refused for overtaking its predecessor")
    func clientResendsOvertaker() throws {
        let dir = TemporaryDirectory("pipeline")
        let store = try SQLiteCentralStore(path: dir.file("central.db"), units: TestUnits.all)
        let replica = try Replica.create(at: dir.file("a.dsync"), office: TestUnits.huaiheRoad, units: TestUnits.all)
        try replica.write { w in
            let bulk = try w.bulkInserter("project", columns: ["project_no", "name"])
            for i in 0..<30 { try bulk.insert([.text("410103001-2024-\(i)"), .text("项目\(i)")]) }
        }
        let transport = OvertakingTransport(InProcessTransport(store: store, token: try store.createToken(office: TestUnits.huaiheRoad)))
        var session = SyncSession(replica: replica, transport: transport)
        session.pushBatchSize = 10
        var report = SyncReport()
        try session.push(&report)
        #expect(report.pushedBatches == 3 && report.pushedChanges == 30 && report.rejected == 0)
        // Batch 2 went out before batch 1 was answered (the only way it can be refused for the gap), was
        // refused, and went again; batch 1 went once. (Batch 3, also on the wire, may or may not have overtaken.)
        #expect(transport.seen.filter { $0 == 2 }.count == 2 && transport.seen.filter { $0 == 1 }.count == 1, "\(transport.seen)")
        #expect(try replica.pendingSummary().isEmpty)
        #expect(try store.query("SELECT count(*) FROM project").first?.first == .integer(30))
        #expect(try store.query("SELECT push_seq FROM replicas").first?.first == .integer(3))
    }
}
