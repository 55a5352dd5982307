#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import Foundation
import GzipCodec
import SyncModel

/// Real HTTP requests through URLSession, with the sync headers filled in unless a test overrides them.
struct HTTPTestClient: Sendable {
    struct Reply: Sendable {
        var status: Int
        var headers: [String: String]
        /// The body as it arrived, inflated if it was gzip'd (URLSession may or may not have done it).
        var body: [UInt8]
        /// Whether the server declared the body gzip'd.
        var gzipped: Bool { header("Content-Encoding")?.lowercased() == "gzip" }

        func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try JSONDecoder().decode(T.self, from: Data(body))
        }

        var error: ErrorBody? { try? decode(ErrorBody.self) }
    }

    let base: URL

    /// Headers every sync request carries; `nil` in `headers` removes one.
    static let syncHeaders: [String: String] = [
        SyncProtocol.versionHeader: String(SyncProtocol.version),
        SyncProtocol.schemaHeader: String(Fixtures.schemaVersion),
        "Authorization": "Bearer \(Fixtures.token)",
    ]

    func send(
        _ method: String, _ pathAndQuery: String, headers: [String: String?] = [:], body: [UInt8]? = nil,
        sync: Bool = true, streamed: Bool = false
    ) async throws -> Reply {
        var request = URLRequest(url: URL(string: pathAndQuery, relativeTo: base)!)
        request.httpMethod = method
        var all: [String: String?] = sync ? Self.syncHeaders : [:]
        all.merge(headers) { _, new in new }
        for case let (name, value?) in all { request.setValue(value, forHTTPHeaderField: name) }
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (data, response): (Data, URLResponse)
        if let body, streamed {
            // No Content-Length: the body goes out chunked, so only the server's read bound can stop it.
            request.httpBodyStream = InputStream(data: Data(body))
            (data, response) = try await session.data(for: request)
        } else if let body {
            (data, response) = try await session.upload(for: request, from: Data(body))
        } else {
            (data, response) = try await session.data(for: request)
        }
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key] = value }
        }
        var bytes = Array(data)
        if bytes.starts(with: [0x1f, 0x8b]) { bytes = try Gzip.decompress(bytes, limit: 64 << 20) }
        return Reply(status: http.statusCode, headers: headers, body: bytes)
    }

    /// `POST /v1/push` with `push` as JSON, gzip'd unless `gzip` is false.
    func push(_ push: PushRequest, gzip: Bool = true, headers: [String: String?] = [:]) async throws -> Reply {
        let json = Array(try JSONEncoder().encode(push))
        var headers = headers
        if gzip { headers["Content-Encoding"] = "gzip" }
        return try await send("POST", "/v1/push", headers: headers, body: gzip ? Gzip.compress(json) : json)
    }
}
