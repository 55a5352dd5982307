#if canImport(Glibc)
import Glibc
#endif

/// Peak resident set size of this process, in MiB.
enum ResourceUsage {
    static func peakRSSMegabytes() -> Double {
        var u = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
        return Double(u.ru_maxrss) / 1024
    }

    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// CPU time (user and system) this process has used, in seconds.
    static func cpuSeconds() -> Double {
        var u = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
        return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
    }

    /// Minor page faults this process has taken so far (first touches of memory it was given).
    static func minorFaults() -> Int {
        var u = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
        return u.ru_minflt
    }

    /// Bytes this process has handed to `write`/`pwrite` so far (`wchar` of /proc/self/io), in MiB: what
    /// a phase wrote to files (database, WAL, checkpoints) and sockets.
    static func writtenMegabytes() -> Double {
        guard let f = fopen("/proc/self/io", "r") else { return 0 }
        defer { fclose(f) }
        var line = [CChar](repeating: 0, count: 128)
        while fgets(&line, Int32(line.count), f) != nil {
            let s = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if s.hasPrefix("wchar:") { return (Double(String(s.dropFirst(6).filter(\.isNumber))) ?? 0) / 1_048_576 }
        }
        return 0
    }
}
