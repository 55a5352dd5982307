import CentralStore
import DistrictTestSupport
import Foundation
import GzipCodec
import Replica
import SyncClient
import SyncModel
import Testing

/// A push body is gzip'd at the level that gets it to the server soonest: level 6 until the link is
/// measured and on slow links, level 1 on fast ones; the server reports how long a body took to arrive.
@Suite("Gzip level of push bodies from the measured link")
struct PushCompressionTests {
    @Test("the level follows the link's speed; Server-Timing's recv metric is read in milliseconds")
    func policy() {
        #expect(PushCompression.level(forBytesPerSecond: nil) == 6)
        #expect(PushCompression.level(forBytesPerSecond: 1_000_000) == 6)  // an office's 8 Mbit/s uplink
        #expect(PushCompression.level(forBytesPerSecond: 7_999_999) == 6)
        #expect(PushCompression.level(forBytesPerSecond: 8_000_000) == 1)
        #expect(PushCompression.level(forBytesPerSecond: 120_000_000) == 1)  // a LAN
        #expect(PushCompression.receiveSeconds(fromServerTiming: "recv;dur=12.5") == 0.0125)
        #expect(PushCompression.receiveSeconds(fromServerTiming: "db;dur=3, recv;desc=\"body\";dur=7") == 0.007)
        for bad in ["recv", "recv;dur=", "recv;dur=-1", "recv;dur=abc", "db;dur=3", ""] {
            #expect(PushCompression.receiveSeconds(fromServerTiming: bad) == nil, "\(bad)")
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
        func push(_ request: PushRequest, gzippedBody: [UInt8]) throws(SyncClientError) -> PushResponse {
            lock.withLock {
                flags.append(gzippedBody[8])
                if (try? Gzip.decompress(gzippedBody, limit: Int.max)) != WireJSON.encode(request) { intact = false }
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
        // Hard-to-compress text: a batch of 1,000 is well past the 64 KB a measurement needs.
        try replica.write { w in
            let bulk = try w.bulkInserter("project", columns: ["project_no", "name", "problems"])
            var g = SeededGenerator(state: 7)
            for i in 0..<1_000 {
                let noise = (0..<40).map { _ in String(UInt64.random(in: 0...UInt64.max, using: &g), radix: 36) }.joined(separator: " ")
                try bulk.insert([.text("410103001-2024-\(2000 + i)"), .text("项目\(i)"), .text(noise)])
            }
        }
        var session = SyncSession(replica: replica, transport: transport)
        session.pushBatchSize = 1_000
        try session.push(&report)
        #expect(report.pushedChanges == 1_001)
        let speed = try #require(transport.uploadBytesPerSecond)
        #expect(speed > 0 && speed.isFinite)
    }
}
