import Hummingbird
import Logging
import SyncModel

/// Routes a request to its endpoint, turns every outcome into a JSON reply and logs one line per request.
///
/// Refusals are ``SyncFailure``s (the backend's or the HTTP layer's own); anything else thrown becomes a
/// generic 500 whose log line names only the error's type, since an error's text may quote data.
struct SyncResponder: HTTPResponder {
    typealias Context = SyncRequestContext

    let backend: any SyncBackend
    /// Request counts and durations for `/metrics`.
    let metrics: ServerMetrics
    /// Who may see `/status` and `/metrics`.
    let statusAccess: StatusAccess
    /// Builds the city-wide reports (nil: this server does not serve them).
    let reports: (any ReportProvider)?
    /// Pull pages read before their request comes.
    let readAhead = PullReadAhead()

    func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let routeLabel = Route(path: request.uri.path)?.rawValue ?? "other"
        var metadata: Logger.Metadata = ["route": "\(request.method.rawValue) \(Route(path: request.uri.path)?.rawValue ?? "unknown")"]
        var reply: JSONReply
        do {
            reply = try await dispatch(request, context: context, metadata: &metadata)
        } catch let failure as SyncFailure {
            reply = JSONReply(failure: failure)
            if !(400...599).contains(failure.status) { metadata["backend_status"] = "\(failure.status)" }
        } catch {
            metadata["error_type"] = "\(type(of: error))"
            reply = JSONReply(failure: .internalError)
        }
        let response = reply.response(gzip: request.acceptsGzip, level: request.grantedGzipLevel)

        metadata["status"] = "\(reply.status.code)"
        if let code = reply.code { metadata["code"] = "\(code)" }
        metadata["duration_ms"] = "\(Self.milliseconds(since: started))"
        metrics.record(route: routeLabel, method: request.method.rawValue, status: reply.status.code, seconds: Self.seconds(since: started))
        let level: Logger.Level = reply.status.code >= 500 ? .error : .info
        context.logger.log(level: level, "request", metadata: metadata)
        return response
    }

    private func dispatch(_ request: Request, context: Context, metadata: inout Logger.Metadata) async throws -> JSONReply {
        guard let route = Route(path: request.uri.path) else { throw SyncFailure.notFound }
        guard request.method == route.method else {
            var reply = JSONReply(failure: .methodNotAllowed)
            reply.extraHeaders[.allow] = route.method.rawValue
            return reply
        }
        if route.isSync {
            try request.checkProtocolVersion()
            try request.checkSchemaVersion(server: backend.schemaVersion)
        }
        if route.isOperators && statusAccess == .loopback && !context.peerIsLoopback { throw SyncFailure.operatorsLoopbackOnly }
        switch route {
        case .push:
            let token = try request.bearerToken()
            if let office = await backend.office(forToken: token) { metadata["office"] = "\(office)" }
            return try await push(request, token: token, metadata: &metadata)
        case .pull:
            let token = try request.bearerToken()
            if let office = await backend.office(forToken: token) { metadata["office"] = "\(office)" }
            return try await pull(request, token: token, metadata: &metadata)
        case .status: return try JSONReply.ok(try await backend.status())
        case .health: return try JSONReply.ok(["status": "ok"])
        case .metrics: return try await metricsReply()
        case .statusPage: return try await statusPageReply(request)
        case .report: return try await reportReply(request)
        }
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> String {
        milliseconds(ContinuousClock.now - start)
    }

    /// `elapsed` in milliseconds with one decimal, for log lines and `Server-Timing`.
    static func milliseconds(_ elapsed: Duration) -> String {
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        return "\(micros / 1000).\(String(micros % 1000 / 100))"
    }
}
