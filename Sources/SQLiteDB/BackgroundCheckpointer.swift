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
/// blocks the writer or readers; the writer's next transaction then starts the WAL from the beginning.
/// The owner must call `stop()` when done (the thread keeps the checkpointer alive until then): it detaches
/// from the writer, ends the thread and runs a last checkpoint.
public final class BackgroundCheckpointer: @unchecked Sendable {
    /// Pages in the WAL that wake the background checkpoint.
    public let thresholdFrames: Int32
    private let connection: Database
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let state = Mutex(State())
    private weak var writer: Database?

    private struct State {
        var stopped = false
        var pending = false
        var checkpoints = 0
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

    /// Takes over `writer`'s automatic checkpoint. Call on the writer's thread, before it writes.
    public func attach(to writer: Database) {
        self.writer = writer
        sqlite3_wal_hook(writer.handle, { context, _, _, frames in
            guard let context else { return SQLITE_OK }
            Unmanaged<BackgroundCheckpointer>.fromOpaque(context).takeUnretainedValue().walCommitted(frames: frames)
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Detaches from the writer (call on its thread, or after it is done), ends the background thread and
    /// checkpoints once more. Safe to call again.
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
        try? connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
    }

    private func walCommitted(frames: Int32) {
        guard frames >= thresholdFrames else { return }
        let signal = state.withLock { s -> Bool in
            guard !s.pending, !s.stopped else { return false }
            s.pending = true
            return true
        }
        if signal { wake.signal() }
    }

    private func run() {
        while true {
            wake.wait()
            if state.withLock({ $0.stopped }) { break }
            checkpointNow()
            state.withLock {
                $0.pending = false
                $0.checkpoints += 1
            }
        }
        checkpointNow()
        finished.signal()
    }
}
