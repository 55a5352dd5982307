import CentralStore
import DistrictTestSupport
import Foundation
import SyncClient
import SyncModel
@testable import SyncServer
import Synchronization
import Testing

/// The server reads the page after a full one before the client asks for it (`PullReadAhead`): every
/// answer must be what a fresh read gives, a page that is not full must not hide a push made after it
/// was read, and a token revoked meanwhile is refused. A real server on 127.0.0.1 over a SQLite store,
/// pulled with the real libcurl client; the outcomes are read from `/metrics`.
@Suite("Pull read-ahead", .timeLimit(.minutes(1)))
struct PullReadAheadTests {
    /// A store in a temporary directory with a token of 淮河路, served over HTTP.
    final class Server: Sendable {
        let dir = TemporaryDirectory("read-ahead")
        let service: SyncService
        let token: String
        let port: Int
        private let task: Task<Void, any Error>
        private let site = SiteID(hex: "6c2f0d3b8e9a41c7b4d2e1f0a9b8c7d6")!
        /// Batches and rows pushed so far.
        private let pushed = Mutex<(batches: Int64, rows: Int64)>((0, 0))

        init() async throws {
            let store = try SQLiteCentralStore(path: dir.file("central.db"), units: TestUnits.all)
            token = try store.createToken(office: TestUnits.huaiheRoad)
            service = SyncService(store: store)
            let server = SyncHTTPServer(backend: service, host: "127.0.0.1", port: 0, logLevel: .critical)
            let (ports, listening) = AsyncStream.makeStream(of: Int.self)
            task = Task { try await server.run { listening.yield($0) } }
            var iterator = ports.makeAsyncIterator()
            port = try #require(await iterator.next())
        }

        deinit { task.cancel() }

        var url: String { "http://127.0.0.1:\(port)" }

        /// Pushes `count` new projects of 淮河路 in one batch.
        func push(_ count: Int) async throws {
            let (seq, first) = pushed.withLock { p -> (Int64, Int64) in
                defer { p = (p.batches + 1, p.rows + Int64(count)) }
                return (p.batches + 1, p.rows)
            }
            let changes = (0..<Int64(count)).map { k -> Change in
                let i = first + k
                return Change(
                    table: "project", rowID: String(format: "01906b00-0000-7000-8000-%012lld", i), unit: "*",
                    values: ["owner_unit_id": .text(TestUnits.huaiheRoad), "project_no": .text(String(format: "410103001-2024-%04lld", i + 1)),
                             "name": .text("项目\(i + 1)")],
                    clock: HybridTimestamp(wallMillis: WallClock.nowMillis(), counter: k), site: site, office: TestUnits.huaiheRoad)
            }
            let request = PushRequest(batchID: UUID().uuidString.lowercased(), replica: site, seq: seq, changes: changes)
            #expect(try await service.push(request, token: token).accepted == count)
        }

        /// A pull over HTTP with the real client (gzip accepted).
        func pull(after: Int64, limit: Int) async throws -> PullResponse {
            let (url, token, schema) = (url, token, service.schemaVersion)
            return try await Self.blocking { try HTTPSyncTransport(server: url, token: token, schemaVersion: schema).pull(after: after, limit: limit) }
        }

        /// `dsync_pull_read_ahead_total` by outcome, from `/metrics`.
        func readAhead() async throws -> [String: Int] {
            let transport = CurlTransport(options: CurlTransport.Options(proxy: .direct, totalTimeout: .seconds(30)))
            let url = self.url
            let body = String(decoding: try await Self.blocking { try transport.send(HTTPRequest(url: url + "/metrics")) }.body, as: UTF8.self)
            var out: [String: Int] = [:]
            for line in body.split(separator: "\n") where line.hasPrefix("dsync_pull_read_ahead_total{") {
                let outcome = line.split(separator: "\"")[1], value = line.split(separator: " ").last.flatMap { Double($0) } ?? -1
                out[String(outcome)] = Int(value)
            }
            return out
        }

        /// Runs a blocking libcurl call on a thread of its own: on the concurrency pool's few threads it
        /// could hold up the very server it waits for.
        static func blocking<T: Sendable>(_ call: @escaping @Sendable () throws -> T) async throws -> T {
            try await withCheckedThrowingContinuation { continuation in
                Thread { continuation.resume(with: Result { try call() }) }.start()
            }
        }
    }

    @Test("a clone page by page gets what fresh reads give, each page after the first answered from the read-ahead")
    func pagesMatchFreshReads() async throws {
        let server = try await Server()
        try await server.push(25)
        var after: Int64 = 0
        var pages: [PullResponse] = []
        repeat {
            let page = try await server.pull(after: after, limit: 10)
            pages.append(page)
            #expect(page == (try await server.service.pull(after: after, limit: 10, token: server.token)))
            after = page.cursor
        } while pages.last!.more
        #expect(pages.map(\.changes.count) == [10, 10, 5])
        #expect(Set(pages.flatMap(\.changes).map(\.rowID)).count == 25)
        #expect(try await server.readAhead() == ["served": 2, "stale": 0, "failed": 0])
    }

    @Test("a last page read before a push is read again: the push is in the answer")
    func partialPageAfterPushIsReadAgain() async throws {
        let server = try await Server()
        try await server.push(15)
        let first = try await server.pull(after: 0, limit: 10)
        #expect(first.more)
        try await server.push(1)  // after the page behind `first` was read ahead (5 changes, not full)
        let second = try await server.pull(after: first.cursor, limit: 10)
        #expect(second.changes.count == 6 && !second.more)
        #expect(second.changes.contains { $0.values["name"] == .text("项目16") })
        // Discarded as stale (or, on a machine stalled past its lifetime, expired): never served.
        let outcomes = try await server.readAhead()
        #expect(outcomes["served"] == 0 && outcomes["failed"] == 0)
    }

    @Test("a full page read ahead is served after a push, and is what a fresh read gives")
    func fullPageServedAfterPush() async throws {
        let server = try await Server()
        try await server.push(25)
        let first = try await server.pull(after: 0, limit: 10)
        try await server.push(3)
        let second = try await server.pull(after: first.cursor, limit: 10)
        #expect(second == (try await server.service.pull(after: first.cursor, limit: 10, token: server.token)))
        #expect(second.changes.count == 10 && second.more)
        #expect(try await server.readAhead() == ["served": 1, "stale": 0, "failed": 0])
    }

    @Test("a token revoked after its next page was read ahead is refused with 401")
    func revokedTokenRefused() async throws {
        let server = try await Server()
        try await server.push(25)
        let first = try await server.pull(after: 0, limit: 10)
        // `dsync token revoke` works on the store file from another process.
        try ProcessRunner.sqlite3(server.dir.file("central.db"), "UPDATE tokens SET revoked_at = 1;")
        await #expect {
            _ = try await server.pull(after: first.cursor, limit: 10)
        } throws: { error in
            guard case .refused(401, _)? = (error as? SyncClientError)?.kind else { return false }
            return true
        }
        #expect(try await server.readAhead()["served"] == 0)
    }

    @Test("pages wait for their request at most `capacity` at a time, each taken once")
    func boundedAndTakenOnce() async throws {
        let readAhead = PullReadAhead()
        func key(_ after: Int64) -> PullReadAhead.Key { PullReadAhead.Key(token: "dst_t", after: after, limit: 10, gzip: true) }
        for after in 0...Int64(PullReadAhead.capacity) { readAhead.start(key(after)) { nil } }
        #expect(readAhead.waiting == PullReadAhead.capacity)
        #expect(readAhead.take(key(0)) == nil)  // the oldest went first
        #expect(readAhead.take(key(Int64(PullReadAhead.capacity))) != nil)
        #expect(readAhead.take(key(Int64(PullReadAhead.capacity))) == nil)
        #expect(readAhead.take(PullReadAhead.Key(token: "dst_other", after: 1, limit: 10, gzip: true)) == nil)
        #expect(readAhead.take(PullReadAhead.Key(token: "dst_t", after: 1, limit: 10, gzip: false)) == nil)
        #expect(readAhead.waiting == PullReadAhead.capacity - 1)
    }
}
