@testable import CentralStore
import DistrictTestSupport
import Domain
import Foundation
import SQLiteDB
import SyncModel
@testable import SyncServer
import Testing

/// A bulk push's transactions run on the store's own thread (`StoreThread`), leaving the cooperative pool
/// free to decode the batches behind it; everyday pushes commit where they are.
@Suite("The store's own thread for bulk pushes")
struct StoreThreadTests {
    static func threadName() -> String {
        (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
    }

    /// Whether this process may lower a thread's nice value to `nice`: with CAP_SYS_NICE (bit 23 of
    /// `CapEff` in /proc/self/status), or a `RLIMIT_NICE` of at least 20 - `nice` (setpriority(2)).
    static func mayRaisePriority(to nice: Int32) -> Bool {
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(__RLIMIT_NICE.rawValue), &limit)
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let capEff = status.split(separator: "\n").first { $0.hasPrefix("CapEff:") }
            .flatMap { UInt64($0.dropFirst("CapEff:".count).trimmingCharacters(in: .whitespaces), radix: 16) } ?? 0
        return capEff & (1 << 23) != 0 || limit.rlim_cur >= rlim_t(20 - nice)
    }

    /// Batch `seq` of one replica of 淮河路: `count` new projects.
    static func batch(_ seq: Int64, count: Int) -> PushRequest {
        let site = SiteID(hex: "00112233445566778899aabbccddeeff")!
        let changes = (0..<count).map { i in
            Change(table: "project", rowID: RowID.generate(), unit: "*",
                   values: ["name": .text("项目\(seq)-\(i)"), "project_no": .text("410103001-\(seq)-\(i)")],
                   clock: HybridTimestamp(wallMillis: WallClock.nowMillis(), counter: Int64(i)), site: site, office: TestUnits.huaiheRoad)
        }
        return PushRequest(batchID: RowID.generate(), replica: site, seq: seq, changes: changes)
    }

    @Test("a bulk batch is committed on the store-writer thread, at a raised priority where Linux allows it; a 20-change batch on the pool; both in full")
    func bulkOnItsOwnThread() async throws {
        let dir = TemporaryDirectory("store-thread")
        let inner = try SQLiteCentralStore(path: dir.file("central.db"), units: TestUnits.all)
        let token = try inner.createToken(office: TestUnits.huaiheRoad)
        let gate = Gate()
        gate.open()
        let service = SyncService(store: GatedStore(inner, gate: gate))
        let bulk = Self.batch(1, count: service.bulkBatchChanges)
        #expect(try await service.push(bulk, token: token).accepted == bulk.changes.count)
        #expect(try await service.push(Self.batch(2, count: 20), token: token).accepted == 20)
        #expect(gate.threads.count == 2)
        #expect(gate.threads.first == "store-writer", "the bulk batch: \(gate.threads)")
        #expect(gate.threads.last != "store-writer", "the everyday batch: \(gate.threads)")
        // The writer runs ten nice steps ahead of the server's other threads where Linux lets it
        // (CAP_SYS_NICE or RLIMIT_NICE), at the process's priority where not.
        let processNice = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        #expect(gate.niceness.last == Int(processNice), "the pool's thread keeps the process's priority")
        let raised = StoreThread.raisedNice(from: processNice), allowed = Self.mayRaisePriority(to: raised)
        #expect(raised < processNice || processNice == -20)
        #expect(gate.niceness.first == Int(allowed ? raised : processNice), "the writer's nice value, allowed to raise it: \(allowed): \(gate.niceness)")
        let reader = try Database(path: dir.file("central.db"))
        #expect(try reader.scalar("SELECT count(*) FROM project WHERE owner_unit_id = ?", [.text(TestUnits.huaiheRoad)])
                == .integer(Int64(bulk.changes.count + 20)))
    }

    @Test("the thread ends when idle and a later job starts it again")
    func idleThreadEndsAndRestarts() async throws {
        let executor = StoreThread(name: "probe-writer", idle: 0.05)
        let threads = { () -> Set<String> in
            Set(((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []).compactMap {
                (try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            })
        }
        let first = await Task(executorPreference: executor) { Self.threadName() }.value
        #expect(first == "probe-writer")
        for _ in 0..<200 where threads().contains("probe-writer") { try await Task.sleep(for: .milliseconds(10)) }
        #expect(!threads().contains("probe-writer"), "no thread left once idle")
        let second = await Task(executorPreference: executor) { Self.threadName() }.value
        #expect(second == "probe-writer")
    }
}
