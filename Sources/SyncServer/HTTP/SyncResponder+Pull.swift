import Hummingbird
import Logging
import SyncModel

extension SyncResponder {
    /// `GET /v1/pull?after=CURSOR&limit=N`: `after` ≥ 0 (default 0), `limit` in 1…`maxPullLimit` (default 1000).
    func pull(_ request: Request, token: String, metadata: inout Logger.Metadata) async throws -> JSONReply {
        let query = request.uri.queryParameters
        var after: Int64 = 0
        if let raw = query["after"] {
            guard let value = Int64(raw), value >= 0 else { throw SyncFailure.badCursor }
            after = value
        }
        var limit = Self.defaultPullLimit
        if let raw = query["limit"] {
            guard let value = Int(raw), (1...SyncProtocol.maxPullLimit).contains(value) else { throw SyncFailure.badLimit }
            limit = value
        }
        metadata["after"] = "\(after)"
        let answer = try await backend.pullEncoded(after: after, limit: limit, token: token)
        metadata["changes"] = "\(answer.count)"
        return JSONReply(status: .ok, json: answer.json)
    }

    /// The page size when the client names none.
    static let defaultPullLimit = 1000
}
