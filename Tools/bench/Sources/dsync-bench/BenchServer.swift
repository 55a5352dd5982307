import Foundation
import Logging
import Synchronization
import SyncServer

/// An in-process `dsync serve` on 127.0.0.1 for benchmarks: started on a background task, its port read
/// from the listening callback.
final class BenchServer: Sendable {
    let port: Int
    private let task: Task<Void, any Error>

    init(service: SyncService) throws {
        let bound = Mutex<Int>(0)
        let server = SyncHTTPServer(backend: service, host: "127.0.0.1", port: 0, logLevel: .error)
        task = Task { try await server.run { p in bound.withLock { $0 = p } } }
        let deadline = Date().addingTimeInterval(20)
        while bound.withLock({ $0 }) == 0 && Date() < deadline { usleep(10_000) }
        port = bound.withLock { $0 }
        guard port > 0 else { throw BenchError("server did not start") }
    }

    var url: String { "http://127.0.0.1:\(port)" }

    func stop() { task.cancel() }
}
