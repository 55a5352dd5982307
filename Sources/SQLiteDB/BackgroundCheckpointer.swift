internal import CDistrictSQLite
internal import Foundation
internal import Synchronization

/// Checkpoints a WAL database on a thread and connection of its own, so the connection that writes never
/// stalls on a checkpoint. (SQLite's automatic checkpoint runs inside the commit that crosses its limit:
/// that one commit copies tens of megabytes back into the database file and waits for the disk, which
/// showed as the slowest pushes of a busy server.)
///
/// `attach(to:)` replaces the writer's automatic checkpoint: after each commit SQLite reports the WAL's
/// length, and past `thresholdFrames` pages the background thread runs a PASSIVE checkpoint, which never
/// blocks the writer or readers. At the next commit past the threshold the writer copies what that pass
/// left (the few commits made while it ran), so its next transaction starts the WAL from the beginning
/// even when it never pauses.
/// The owner must call `stop()` when done (the thread keeps the checkpointer alive until then): it detaches
/// from the writer, ends the thread and runs a last checkpoint.
public final class BackgroundCheckpointer: @unchecked Sendable {
    /// Pages in the WAL that wake the background checkpoint.
    public let thresholdFrames: Int32
    /// Used on the background thread only; closed there when it ends.
    private var connection: Database?
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let state = Mutex(State())
    private weak var writer: Database?

    private struct State {
        var stopped = false
        /// A background pass is queued or running.
        var pending = false
        /// A background pass has finished since the WAL last started over.
        var passFinished = false
        /// The WAL's length after the last commit.
        var lastFrames: Int32 = 0
        var checkpoints = 0
        var finishedInline = 0
    }

    /// Opens its own connection to the database at `path` (which must be in WAL mode).
    public init(path: String, thresholdFrames: Int32 = 8_192) throws(DatabaseError) {
        self.thresholdFrames = thresholdFrames
        connection = try Database(path: path)
        let thread = Thread { [self] in run() }
        thread.name = "sqlite-checkpoint"
        thread.start()
    }

    /// How many background checkpoints have run (for tests and the status page).
    public var checkpointsRun: Int { state.withLock { $0.checkpoints } }

    /// How many times the writer copied the remainder a background pass left (for tests).
    public var remaindersCopied: Int { state.withLock { $0.finishedInline } }

    /// Takes over `writer`'s automatic checkpoint. Call on the writer's thread, before it writes.
    public func attach(to writer: Database) {
        self.writer = writer
        sqlite3_wal_hook(writer.handle, { context, _, _, frames in
            guard let context else { return SQLITE_OK }
            Unmanaged<BackgroundCheckpointer>.fromOpaque(context).takeUnretainedValue().walCommitted(frames: frames)
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Detaches from the writer (call on its thread, or after it is done), ends the background thread,
    /// checkpoints once more and closes its connection. Safe to call again.
    public func stop() {
        let first = state.withLock { s -> Bool in
            defer { s.stopped = true }
            return !s.stopped
        }
        guard first else { return }
        if let writer { sqlite3_wal_hook(writer.handle, nil, nil) }
        wake.signal()
        finished.wait()
    }

    /// A PASSIVE checkpoint, on the background thread.
    private func checkpointNow() {
        try? connection?.execute("PRAGMA wal_checkpoint(PASSIVE)")
    }

    /// After each commit of the writer, on its thread. Past the threshold, a background pass copies the
    /// bulk of the WAL; the writer's commits go on meanwhile, so the pass never catches up with a busy
    /// writer, and a WAL is only started over once every frame is copied. So at the first commit past the
    /// threshold after a pass, the writer copies the little the pass left (the frames committed while it
    /// ran) itself, and its next transaction starts the WAL over. Without that, the WAL of a steady
    /// stream of pushes grew without end (228 MB over 100,000 pushed rows), and each commit wrote pages
    /// the file system had to allocate and zero.
    private func walCommitted(frames: Int32) {
        enum Action { case none, wake, finish }
        let action = state.withLock { s -> Action in
            defer { s.lastFrames = frames }
            if frames < s.lastFrames { s.passFinished = false }  // the WAL started over
            guard frames >= thresholdFrames, !s.pending, !s.stopped else { return .none }
            if s.passFinished {
                s.passFinished = false
                s.finishedInline += 1
                return .finish
            }
            s.pending = true
            return .wake
        }
        switch action {
        case .none: break
        case .wake: wake.signal()
        case .finish: if let writer { sqlite3_wal_checkpoint_v2(writer.handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil) }
        }
    }

    private func run() {
        while true {
            wake.wait()
            if state.withLock({ $0.stopped }) { break }
            checkpointNow()
            state.withLock {
                $0.pending = false
                $0.passFinished = true
                $0.checkpoints += 1
            }
        }
        checkpointNow()
        connection = nil  // closed before `stop()` returns, not whenever the thread lets go of `self`
        finished.signal()
    }
}
