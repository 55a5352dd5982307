public import Logging
import Hummingbird
import HummingbirdTLS
import NIOCore
import ServiceLifecycle
import UnixSignals

/// The sync server's HTTP face: `POST /v1/push`, `GET /v1/pull`, `GET /v1/status`, `GET /v1/health` on
/// Hummingbird, in front of any ``SyncBackend``.
///
/// It does transport only — version and schema headers, bearer-token extraction, bounded and gzip'd
/// bodies, JSON, status codes — and hands decoded requests to the backend, which owns their meaning. It
/// must never log or echo a request body, a token or any personal data: log lines carry the route, the
/// status, the error code, the pushing replica's site id and the duration.
///
/// ```swift
/// let server = SyncHTTPServer(backend: store, port: 8080)
/// try await server.run(stopOnSignals: true) { port in print("listening on \(port)") }
/// ```
public struct SyncHTTPServer: Sendable {
    /// Loopback: the server is reachable from other machines only when asked for explicitly.
    public static let defaultHost = "127.0.0.1"
    /// The port `dsync serve` uses unless told otherwise.
    public static let defaultPort = 8080

    /// The address the server binds to.
    public let host: String
    /// The port asked for; 0 lets the system pick a free one (learn it from `run`'s `onListening`).
    public let port: Int
    /// HTTPS with this certificate and key; nil = plain HTTP (loopback use, or behind a TLS proxy).
    public var tls: ServerTLS?
    /// Who may read `/status` and `/metrics` (default: this machine only).
    public var statusAccess: StatusAccess = .loopback
    /// Serves `/reports/{code}?period=YYYY-MM` when set (the SQLite store; see `ReportProvider`).
    public var reports: (any ReportProvider)?
    private let backend: any SyncBackend
    private let logger: Logger
    private let metrics = ServerMetrics()

    /// A server for `backend` on `host:port`, logging at `logLevel` through the process's logging backend.
    public init(
        backend: any SyncBackend, host: String = Self.defaultHost, port: Int = Self.defaultPort, logLevel: Logger.Level = .info
    ) {
        var logger = Logger(label: "districtsync.server")
        logger.logLevel = logLevel
        self.init(backend: backend, host: host, port: port, logger: logger)
    }

    /// A server for `backend` on `host:port` that logs to `logger` (its level applies).
    public init(backend: any SyncBackend, host: String = Self.defaultHost, port: Int = Self.defaultPort, logger: Logger) {
        self.backend = backend
        self.host = host
        self.port = port
        self.logger = logger
    }

    /// Serves until the calling task is cancelled or — with `stopOnSignals` — the process gets SIGINT or
    /// SIGTERM. Either way it shuts down gracefully: it stops accepting, answers the requests in flight
    /// (for at most ``shutdownGrace``), closes idle connections, then returns.
    ///
    /// - Parameters:
    ///   - stopOnSignals: trap SIGINT and SIGTERM (what `dsync serve` wants; tests leave it off).
    ///   - onListening: called once with the bound port as soon as the server accepts connections.
    /// - Throws: when the address cannot be bound, or (``ServerTLS/LoadError``) the TLS files are unusable.
    public func run(
        stopOnSignals: Bool = false,
        onListening: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
    ) async throws {
        var configuration = ServiceGroupConfiguration(
            services: [try makeApplication(onListening: onListening)],
            gracefulShutdownSignals: stopOnSignals ? [.sigterm, .sigint] : [],
            logger: logger
        )
        configuration.maximumGracefulShutdownDuration = Self.shutdownGrace
        let group = ServiceGroup(configuration: configuration)
        // Run the group outside this task's cancellation, so that cancelling turns into a graceful
        // shutdown instead of tearing down connections mid-response.
        let running = Task { try await group.run() }
        try await withTaskCancellationHandler {
            try await running.value
        } onCancel: {
            Task { await group.triggerGracefulShutdown() }
        }
    }

    /// How long a shutdown waits for requests in flight before cancelling them.
    public static let shutdownGrace: Duration = .seconds(10)

    func makeApplication(onListening: @escaping @Sendable (_ port: Int) async -> Void) throws -> Application<SyncResponder> {
        let requestedPort = port
        let responder = SyncResponder(backend: backend, metrics: metrics, statusAccess: statusAccess, reports: reports)
        let configuration = ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil)
        let running: @Sendable (any Channel) async -> Void = { channel in await onListening(channel.localAddress?.port ?? requestedPort) }
        if let tls {
            return Application(
                responder: responder, server: try .tls(.http1(), tlsConfiguration: try tls.configuration()), configuration: configuration,
                onServerRunning: running, logger: logger)
        }
        return Application(responder: responder, configuration: configuration, onServerRunning: running, logger: logger)
    }
}
