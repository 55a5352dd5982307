import DistrictTestSupport
import Foundation
import SQLiteDB
import SyncClient
import Testing

/// `dsync serve` re-executes itself once with glibc's malloc on transparent huge pages (`MallocHugePages`):
/// checked on a real server process through /proc — its environment and whether its heap is madvised.
@Suite("Malloc on huge pages for the bulk commands", .serialized)
struct MallocHugePagesTests {
    static let thpMode = try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)

    @Test("the tunable is added, appended to others, and left alone when set, opted out or useless")
    func tunablesDecision() {
        let madvise = "always [madvise] never\n"
        #expect(MallocHugePages.tunables(environment: [:], thpMode: madvise) == "glibc.malloc.hugetlb=1")
        #expect(MallocHugePages.tunables(environment: ["GLIBC_TUNABLES": "glibc.malloc.arena_max=2"], thpMode: "[always] madvise never")
                == "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1")
        #expect(MallocHugePages.tunables(environment: ["GLIBC_TUNABLES": "glibc.malloc.hugetlb=0"], thpMode: madvise) == nil)
        #expect(MallocHugePages.tunables(environment: ["DSYNC_MALLOC_HUGEPAGES": "0"], thpMode: madvise) == nil)
        #expect(MallocHugePages.tunables(environment: ["DSYNC_MALLOC_HUGEPAGES": "1"], thpMode: madvise) == nil)
        #expect(MallocHugePages.tunables(environment: [:], thpMode: "always madvise [never]") == nil)
        #expect(MallocHugePages.tunables(environment: [:], thpMode: nil) == nil)
    }

    @Test("a real dsync serve runs with the tunable and a huge-page heap; DSYNC_MALLOC_HUGEPAGES=0 keeps the default",
          .enabled(if: thpMode.map { !$0.contains("[never]") } ?? false, "the kernel has transparent huge pages off"))
    func serveRunsOnHugePages() throws {
        let dir = TemporaryDirectory("hugepages")
        let on = try ServerProcess(store: dir.file("on.db"))
        let onPid = try #require(on.pid)
        #expect(try environment(onPid)["GLIBC_TUNABLES"]?.contains("glibc.malloc.hugetlb=1") == true)
        #expect(try madvisedForHugePages(onPid), "no mapping of the server is madvised for huge pages")
        // Still named dsync, for ps, top and pkill.
        #expect(try String(contentsOfFile: "/proc/\(onPid)/comm", encoding: .utf8) == "dsync\n")
        // The server it became answers as usual.
        #expect(try CurlTransport(options: CurlTransport.Options(proxy: .direct)).send(HTTPRequest(url: on.url + "/v1/health")).status == 200)

        let off = try ServerProcess(store: dir.file("off.db"), environment: ["DSYNC_MALLOC_HUGEPAGES": "0"])
        let offPid = try #require(off.pid)
        #expect(try environment(offPid)["GLIBC_TUNABLES"] == nil)
        #expect(try !madvisedForHugePages(offPid))
    }

    private func environment(_ pid: Int32) throws -> [String: String] {
        let raw = try Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/environ"))
        var env: [String: String] = [:]
        for entry in raw.split(separator: 0) {
            let s = String(decoding: entry, as: UTF8.self)
            if let eq = s.firstIndex(of: "=") { env[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
        }
        return env
    }

    /// Whether any mapping of the process carries the `hg` flag (madvise(MADV_HUGEPAGE)), as glibc sets on
    /// its heaps when the tunable is on.
    private func madvisedForHugePages(_ pid: Int32) throws -> Bool {
        let smaps = try String(contentsOfFile: "/proc/\(pid)/smaps", encoding: .utf8)
        return smaps.split(separator: "\n").contains { $0.hasPrefix("VmFlags:") && $0.split(separator: " ").contains("hg") }
    }
}
