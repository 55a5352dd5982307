import Hummingbird

/// The endpoints, matched on the exact path (the query is separate): protocol version 1 under `/v1/`,
/// and the operators' pages.
enum Route: String, Sendable {
    case push = "/v1/push"
    case pull = "/v1/pull"
    case status = "/v1/status"
    case health = "/v1/health"
    /// Prometheus text exposition.
    case metrics = "/metrics"
    /// The status page (HTML, Chinese).
    case statusPage = "/status"
    /// A city-wide report as xlsx: `/reports/{R1…R6}?period=YYYY-MM`.
    case report = "/reports/"

    /// The endpoint a path names: exact paths, and `/reports/CODE` by its prefix.
    init?(path: String) {
        if let exact = Route(rawValue: path), exact != .report { self = exact; return }
        guard path.hasPrefix(Route.report.rawValue), path.count > Route.report.rawValue.count else { return nil }
        self = .report
    }

    /// The one method each endpoint answers.
    var method: HTTPRequest.Method {
        switch self {
        case .push: .post
        case .pull, .status, .health, .metrics, .statusPage, .report: .get
        }
    }

    /// Whether the endpoint speaks the sync protocol (version and schema headers, bearer token).
    var isSync: Bool { self == .push || self == .pull }

    /// Whether the endpoint is an operators' page, subject to ``StatusAccess``.
    var isOperators: Bool { self == .metrics || self == .statusPage || self == .report }
}
