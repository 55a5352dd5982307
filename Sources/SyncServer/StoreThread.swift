internal import Foundation
internal import Synchronization
#if canImport(Glibc)
internal import Glibc
#endif

/// A thread of its own for the SQLite store's group transactions: a `TaskExecutor` with one thread.
///
/// `SyncService.drainQueue` runs with this executor preferred, so the actor runs the drain — and its
/// blocking SQLite transaction — here, not on one of the cooperative pool's threads (two on a 2-core
/// server). The pool stays free to decode the pushes that arrive meanwhile, and they queue up for the
/// next group. Only the drain task hops; pulls and the other requests run on the actor as before, and
/// the actor still runs one of them at a time.
///
/// The thread is started by the first job and ends after `idle` without one, so an idle service holds no
/// thread (tests make many).
///
/// It asks for a higher scheduling priority (`niceness` steps ahead of the process): during a bulk push
/// the writer is the one serial stage, and the threads that decode the batches behind it (and, over
/// loopback, the client) would otherwise take its core in turn. A 1M-row push over loopback on two
/// cores: the writer on a core 85% of the push → 95%, +6–11% changes/s (three alternated pairs). Linux
/// grants it to a process with CAP_SYS_NICE or a `RLIMIT_NICE` that allows it (systemd: `LimitNICE=-10`
/// for a service at nice 0); elsewhere the thread keeps the process's priority and works as before.
final class StoreThread: TaskExecutor, @unchecked Sendable {
    /// How far ahead of the process the thread asks to run, in nice steps (lower nice runs first).
    static let niceness: Int32 = 10

    /// The nice value the thread asks for in a process at nice `processNice`: `niceness` below it, at most -20.
    static func raisedNice(from processNice: Int32) -> Int32 { max(-20, processNice - niceness) }

    private struct State {
        var jobs: [UnownedJob] = []
        var running = false
    }

    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)
    private let name: String
    private let idle: Double

    init(name: String = "store-writer", idle: Double = 2) {
        self.name = name
        self.idle = idle
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        let start = state.withLock { s in
            s.jobs.append(unowned)
            defer { s.running = true }
            return !s.running
        }
        if start {
            Thread { self.run() }.start()  // holds the executor until it ends
        } else {
            wake.signal()
        }
    }

    private func run() {
        // Foundation's `Thread.name` does not reach the kernel on Linux (a new thread keeps its creator's
        // name); the name shows in `top -H`, `perf` and the tests.
        try? String(name.prefix(15)).write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
        // Per thread on Linux: `who` 0 is the calling thread, which has its creator's nice value. Refused
        // without the right: nothing changes.
        errno = 0
        let current = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        if errno == 0 { _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, Self.raisedNice(from: current)) }
        while true {
            let job = state.withLock { s -> UnownedJob? in s.jobs.isEmpty ? nil : s.jobs.removeFirst() }
            if let job {
                job.runSynchronously(on: asUnownedTaskExecutor())
                continue
            }
            if wake.wait(timeout: .now() + idle) == .timedOut {
                let end = state.withLock { s -> Bool in
                    if s.jobs.isEmpty { s.running = false }
                    return !s.running
                }
                if end { return }
            }
        }
    }
}
