import Foundation
import SyncClient
import Testing

/// Shared bits of the transport tests.
enum TransportTesting {
    /// Options for tests against local servers: never a proxy from the environment, short timeouts.
    static func options(_ change: (inout CurlTransport.Options) -> Void = { _ in }) -> CurlTransport.Options {
        var o = CurlTransport.Options()
        o.proxy = .direct
        o.connectTimeout = .seconds(5)
        o.totalTimeout = .seconds(20)
        change(&o)
        return o
    }

    /// The transport's error, or `nil` if `send` succeeded.
    static func failure(_ transport: CurlTransport, _ request: HTTPRequest) -> TransportError? {
        do {
            _ = try transport.send(request)
            return nil
        } catch {
            return error
        }
    }

    /// The JSON object in a response body.
    static func json(_ response: HTTPResponse) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }
}
