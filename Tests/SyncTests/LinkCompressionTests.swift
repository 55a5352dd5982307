import CentralStore
import DistrictTestSupport
import Foundation
import GzipCodec
import Replica
@testable import SyncClient
import SyncModel
import Testing

/// A body is gzip'd at the level that gets it across soonest: level 6 until the link is measured and on
/// slow links, level 1 on fast ones. Pushes: the server reports how long a body took to arrive. Pulls: the
/// client measures how fast an answer arrived and asks for its level (`DistrictSync-Gzip-Level`).
@Suite("Gzip level of push bodies and pull answers from the measured link")
struct LinkCompressionTests {
    @Test("the level follows the link's speed; Server-Timing's recv metric is read in milliseconds")
    func policy() {
        #expect(LinkCompression.level(forBytesPerSecond: nil) == 6)
        #expect(LinkCompression.level(forBytesPerSecond: 1_000_000) == 6)  // an office's 8 Mbit/s uplink
        #expect(LinkCompression.level(forBytesPerSecond: 7_999_999) == 6)
        #expect(LinkCompression.level(forBytesPerSecond: 8_000_000) == 1)
        #expect(LinkCompression.level(forBytesPerSecond: 120_000_000) == 1)  // a LAN
        #expect(LinkCompression.receiveSeconds(fromServerTiming: "recv;dur=12.5") == 0.0125)
        #expect(LinkCompression.receiveSeconds(fromServerTiming: "db;dur=3, recv;desc=\"body\";dur=7") == 0.007)
        for bad in ["recv", "recv;dur=", "recv;dur=-1", "recv;dur=abc", "db;dur=3", ""] {
            #expect(LinkCompression.receiveSeconds(fromServerTiming: bad) == nil, "\(bad)")
        }
    }

    @Test("the level a pull asks for is granted from 1 to 6; above 6 is 6, anything else the default")
    func grantedLevels() {
        #expect(LinkCompression.grantedLevel(requested: "1") == 1)
        #expect(LinkCompression.grantedLevel(requested: " 4 ") == 4)
        #expect(LinkCompression.grantedLevel(requested: "6") == 6)
        #expect(LinkCompression.grantedLevel(requested: "9") == 6)
        for bad in [nil, "", "0", "10", "-1", "1 2", "fast", "1.5"] as [String?] {
            #expect(LinkCompression.grantedLevel(requested: bad) == 6, "\(bad ?? "nil")")
        }
    }

    /// Reports a fixed link speed and records the gzip header's XFL byte of each body (0: level 6, 4: level 1).
    final class FixedLink: SyncTransport, @unchecked Sendable {
        let inner: InProcessTransport
        let speed: Double?
        private let lock = NSLock()
        private(set) var flags: [UInt8] = []
        private(set) var intact = true

        init(_ inner: InProcessTransport, speed: Double?) {
            self.inner = inner
            self.speed = speed
        }

        func push(_ request: PushRequest) throws(SyncClientError) -> PushResponse { try inner.push(request) }
        func push(_ batch: OutgoingBatch) throws(SyncClientError) -> PushResponse {
            let request = batch.request
            lock.withLock {
                flags.append(batch.gzippedBody[8])
                if (try? Gzip.decompress(batch.gzippedBody, limit: Int.max)) != WireJSON.encode(request) { intact = false }
            }
            return try inner.push(request)
        }
        func pull(after: Int64, limit: Int) throws(SyncClientError) -> PullResponse { try inner.pull(after: after, limit: limit) }
        var uploadBytesPerSecond: Double? { speed }
    }

    @Test("unknown and slow links get level 6, fast ones level 1; every body still holds its batch", arguments: [
        (nil, UInt8(0)), (2_000_000.0, UInt8(0)), (50_000_000.0, UInt8(4)),
    ] as [(Double?, UInt8)])
    func levelsSent(speed: Double?, flag: UInt8) throws {
        let dir = TemporaryDirectory("compression")
        let store = try SQLiteCentralStore(path: dir.file("central.db"), units: TestUnits.all)
        let replica = try Replica.create(at: dir.file("a.dsync"), office: TestUnits.huaiheRoad, units: TestUnits.all)
        try replica.write { w in
            let bulk = try w.bulkInserter("project", columns: ["project_no", "name"])
            for i in 0..<300 { try bulk.insert([.text("410103001-2024-\(1000 + i)"), .text("淮河路街道项目\(i)")]) }
        }
        let link = FixedLink(InProcessTransport(store: store, token: try store.createToken(office: TestUnits.huaiheRoad)), speed: speed)
        var session = SyncSession(replica: replica, transport: link)
        session.pushBatchSize = 50
        var report = SyncReport()
        try session.push(&report)
        #expect(report.pushedChanges == 300 && link.flags.count >= 6)  // more when a batch overtook the one before it and was sent again
        #expect(link.flags.allSatisfy { $0 == flag }, "\(link.flags)")
        #expect(link.intact)
    }

    /// 1,000 projects of 淮河路 with hard-to-compress text: one batch of them is well past the 64 KB a
    /// measurement of the link needs, gzip'd at any level.
    private func writeNoisyProjects(_ replica: Replica, firstNumber: Int, seed: UInt64) throws {
        try replica.write { w in
            let bulk = try w.bulkInserter("project", columns: ["project_no", "name", "problems"])
            var g = SeededGenerator(state: seed)
            for i in 0..<1_000 {
                let noise = (0..<40).map { _ in String(UInt64.random(in: 0...UInt64.max, using: &g), radix: 36) }.joined(separator: " ")
                try bulk.insert([.text("410103001-2024-\(firstNumber + i)"), .text("项目\(i)"), .text(noise)])
            }
        }
    }

    @Test("over HTTP, dsync serve reports how long a large body took to arrive and the client measures its link")
    func measuredOverHTTP() throws {
        let dir = TemporaryDirectory("compression")
        let storePath = dir.file("central.db")
        let token = try SQLiteCentralStore(path: storePath).createToken(office: "410103001")
        let server = try ServerProcess(store: storePath)
        let replica = try Replica.create(at: dir.file("a.dsync"), office: "410103001")
        let transport = HTTPSyncTransport(server: server.url, token: token, schemaVersion: replica.catalog.schemaVersion)
        // A small batch says too little about the link.
        try replica.write { try $0.insert("project", ["project_no": "410103001-2024-0001", "name": "兰盾电子产业园"]) }
        var report = SyncReport()
        try SyncSession(replica: replica, transport: transport).push(&report)
        #expect(report.pushedChanges == 1 && transport.uploadBytesPerSecond == nil)
        try writeNoisyProjects(replica, firstNumber: 2000, seed: 7)
        var session = SyncSession(replica: replica, transport: transport)
        session.pushBatchSize = 1_000
        try session.push(&report)
        #expect(report.pushedChanges == 1_001)
        let speed = try #require(transport.uploadBytesPerSecond)
        #expect(speed > 0 && speed.isFinite)
    }

    @Test("over HTTP, dsync serve gzips a pull answer at the level asked for, and the client asks for level 1 once a large answer came fast")
    func pullLevelOverHTTP() throws {
        let dir = TemporaryDirectory("compression")
        let storePath = dir.file("central.db")
        let store = try SQLiteCentralStore(path: storePath)
        let token = try store.createToken(office: "410103001")
        let replica = try Replica.create(at: dir.file("a.dsync"), office: "410103001")
        try writeNoisyProjects(replica, firstNumber: 3000, seed: 11)
        var report = SyncReport()
        var pusher = SyncSession(replica: replica, transport: InProcessTransport(store: store, token: token))
        pusher.pushBatchSize = 1_000
        try pusher.push(&report)
        #expect(report.pushedChanges == 1_000)
        let server = try ServerProcess(store: storePath)

        // The same page asked for at each level, through the real transport.
        let curl = CurlTransport(options: CurlTransport.Options())
        let sync = HTTPSyncTransport(server: server.url, token: token, schemaVersion: replica.catalog.schemaVersion)
        func page(level: String?) throws -> HTTPResponse {
            let extra = level.map { [(name: LinkCompression.levelHeader, value: $0)] } ?? []
            let response = try curl.send(.get(server.url + "/v1/pull?after=0&limit=1000", headers: sync.headers + extra))
            #expect(response.status == 200 && response.wasGzipped)
            return response
        }
        let byDefault = try page(level: nil), six = try page(level: "6"), one = try page(level: "1")
        let nine = try page(level: "9"), junk = try page(level: "fast")
        #expect(one.body == byDefault.body && six.body == byDefault.body)
        #expect(six.wireBodyBytes == byDefault.wireBodyBytes && nine.wireBodyBytes == byDefault.wireBodyBytes)
        #expect(junk.wireBodyBytes == byDefault.wireBodyBytes)
        #expect(one.wireBodyBytes > byDefault.wireBodyBytes, "level 1: \(one.wireBodyBytes) B, level 6: \(byDefault.wireBodyBytes) B")
        #expect(byDefault.wireBodyBytes >= LinkCompression.minimumMeasuredBytes)

        // The sync client: unmeasured, it asks for nothing; after the large answer (on loopback), level 1.
        #expect(!sync.pullHeaders.contains { $0.name == LinkCompression.levelHeader })
        let pulled = try sync.pull(after: 0, limit: 1_000)
        #expect(pulled.changes.count == 1_000)
        let speed = try #require(sync.downloadBytesPerSecond)
        #expect(speed >= LinkCompression.fastLinkBytesPerSecond)
        #expect(sync.pullHeaders.filter { $0.name == LinkCompression.levelHeader }.map(\.value) == ["1"])
        #expect(try sync.pull(after: 0, limit: 1_000) == pulled)
    }
}
