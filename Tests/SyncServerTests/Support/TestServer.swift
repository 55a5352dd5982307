#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import Foundation
import Logging
import SyncServer

/// Runs a real `SyncHTTPServer` on 127.0.0.1 with an ephemeral port for the duration of `body`.
struct TestServer {
    struct StartFailed: Error {}

    static func with<T: Sendable>(
        _ backend: any SyncBackend, logger: Logger? = nil, _ body: (HTTPTestClient) async throws -> T
    ) async throws -> T {
        let server: SyncHTTPServer
        if let logger {
            server = SyncHTTPServer(backend: backend, host: "127.0.0.1", port: 0, logger: logger)
        } else {
            server = SyncHTTPServer(backend: backend, host: "127.0.0.1", port: 0, logLevel: .critical)
        }
        let (ports, listening) = AsyncStream.makeStream(of: Int.self)
        let task = Task {
            defer { listening.finish() }
            try await server.run { port in listening.yield(port) }
        }
        defer { task.cancel() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            _ = try await task.value
            throw StartFailed()
        }
        let result = try await body(HTTPTestClient(base: URL(string: "http://127.0.0.1:\(port)")!))
        task.cancel()
        _ = await task.result
        return result
    }
}
