import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What this process has used so far: memory, time, page faults, bytes written.
enum ResourceUsage {
    private static func usage() -> rusage {
        var u = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
        return u
    }

    /// Peak resident set size of this process, in MiB.
    static func peakRSSMegabytes() -> Double { Double(usage().ru_maxrss) / 1024 }

    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// CPU time (user and system) of this process's thread named `name` (as in /proc/self/task/*/comm),
    /// in seconds; nil when no such thread is running.
    static func threadCPUSeconds(named name: String) -> Double? {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        for task in tasks {
            let dir = "/proc/self/task/" + task
            guard (try? String(contentsOfFile: dir + "/comm", encoding: .utf8))?.trimmingCharacters(in: .newlines) == name,
                  let stat = try? String(contentsOfFile: dir + "/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // After the name in parentheses: field 3 (state) onwards; utime and stime are fields 14 and 15.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { continue }
            return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
        }
        return nil
    }

    /// CPU time (user and system) this process has used, in seconds.
    static func cpuSeconds() -> Double {
        let u = usage()
        return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
    }

    /// Minor page faults this process has taken so far (first touches of memory it was given).
    static func minorFaults() -> Int { usage().ru_minflt }

    /// Bytes this process has handed to `write`/`pwrite` so far (`wchar` of /proc/self/io), in MiB: what
    /// a phase wrote to files (database, WAL, checkpoints) and sockets.
    static func writtenMegabytes() -> Double {
        let io = (try? String(contentsOfFile: "/proc/self/io", encoding: .utf8)) ?? ""
        guard let line = io.split(separator: "\n").first(where: { $0.hasPrefix("wchar:") }) else { return 0 }
        return (Double(line.dropFirst(6).filter(\.isNumber)) ?? 0) / 1_048_576
    }
}
