import Hummingbird

/// The endpoints of protocol version 1, matched on the exact path (the query is separate).
enum Route: String, Sendable {
    case push = "/v1/push"
    case pull = "/v1/pull"
    case status = "/v1/status"
    case health = "/v1/health"

    /// The one method each endpoint answers.
    var method: HTTPRequest.Method {
        switch self {
        case .push: .post
        case .pull, .status, .health: .get
        }
    }

    /// Whether the endpoint speaks the sync protocol (version and schema headers, bearer token).
    var isSync: Bool { self == .push || self == .pull }
}
