import CentralStore
import DistrictTestSupport
import Foundation
import SQLiteDB
import SyncModel
import SyncServer
import Testing

/// A request's log line names its office without waiting for the store: a push's handler asks for it
/// before reading the body, and used to queue behind the merge of the batch ahead (no two pushes of a
/// replica could then overlap on the server).
@Suite("Offices of tokens for log lines", .timeLimit(.minutes(1)))
struct TokenOfficeTests {
    /// Batches and a service over a fresh store, as the pipelining tests make them.
    let pipelined = PipelinedPushTests()

    func batch(_ seq: Int64) -> PushRequest { pipelined.batch(seq) }

    func service(_ dir: TemporaryDirectory) throws -> (SyncService, String) { try pipelined.service(dir, gapWait: .seconds(3)) }

    @Test("a known token's office is answered while the store is busy with a push")
    func answeredDuringPush() async throws {
        let dir = TemporaryDirectory("token-office")
        let (service, token) = try service(dir)
        #expect(await service.office(forToken: token) == TestUnits.huaiheRoad)

        // Another connection holds the write lock: the push waits inside the store, on the service's actor.
        let holder = try Database(path: dir.file("central.db"))
        try holder.execute("BEGIN IMMEDIATE")
        let push = Task { try await service.push(batch(1), token: token) }
        try await Task.sleep(for: .milliseconds(300))
        let office = await withTaskGroup(of: String?.self) { group in
            group.addTask { await service.office(forToken: token) ?? "" }
            group.addTask { try? await Task.sleep(for: .seconds(4)); return nil }
            let first = await group.next()!
            group.cancelAll()
            return first
        }
        #expect(office == TestUnits.huaiheRoad, "the office must come back while the push still waits for the lock")
        try holder.execute("COMMIT")
        switch await push.result {
        case .success(let answer): #expect(answer.accepted == 1)
        // On a machine loaded enough that the lock was held past the store's 5 s busy timeout, the push
        // gave up waiting for it: it was still held up in the store, which is what this test needs.
        case .failure(let error): #expect((error as? SyncFailure)?.status == 500, "\(error)")
        }
    }

    @Test("a revoked token is forgotten once the store refuses it; an unknown one names no office")
    func revokedForgotten() async throws {
        let dir = TemporaryDirectory("token-office")
        let (service, token) = try service(dir)
        #expect(await service.office(forToken: token) == TestUnits.huaiheRoad)
        #expect(await service.office(forToken: "dst_unknown") == nil)
        #expect(try SQLiteCentralStore(path: dir.file("central.db"), units: TestUnits.all).revokeTokens(office: TestUnits.huaiheRoad) == 1)
        do {
            _ = try await service.push(batch(1), token: token)
            Issue.record("a revoked token must be refused")
        } catch {
            #expect(error.status == 401)
        }
        #expect(await service.office(forToken: token) == nil)
    }
}
