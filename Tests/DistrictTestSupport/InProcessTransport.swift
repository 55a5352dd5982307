public import CentralStore
public import SyncClient
public import SyncModel
internal import Foundation

/// A `SyncTransport` that calls the central store directly: the deterministic in-memory twin of HTTP
/// (NIOEmbedded-style) for tests that run hundreds of sync schedules. Faults can be injected.
/// Calls are serialized, as the server's actor serializes them (a sync keeps two pushes on the wire); it
/// has no server's patience for a batch that overtook its predecessor, so the client's resend is exercised.
public final class InProcessTransport: SyncTransport {
    public let store: SQLiteCentralStore
    private let gate = NSLock()
    public let token: String
    /// Faults for the next calls, consumed in order.
    public var faults: [Fault] = []
    /// Every push request that reached the store (for duplicate re-sends).
    public private(set) var delivered: [PushRequest] = []

    public enum Fault: Sendable {
        /// The request never reaches the server.
        case dropRequest
        /// The server applies the push, the answer is lost on the way back.
        case dropResponse
    }

    public init(store: SQLiteCentralStore, token: String) {
        self.store = store
        self.token = token
    }

    public func push(_ request: PushRequest) throws(SyncClientError) -> PushResponse {
        gate.lock()
        defer { gate.unlock() }
        let fault = faults.isEmpty ? nil : faults.removeFirst()
        if case .dropRequest? = fault { throw SyncClientError(kind: .unreachable, message: "网络中断（模拟）") }
        do {
            let r = try store.push(request, token: token)
            delivered.append(request)
            if case .dropResponse? = fault { throw SyncClientError(kind: .unreachable, message: "答复丢失（模拟）") }
            return r
        } catch let f as SyncFailure {
            throw SyncClientError.refused(f.status, f.body)
        } catch let e as SyncClientError {
            throw e
        } catch {
            throw SyncClientError(kind: .badResponse, message: "\(error)")
        }
    }

    public func pull(after: Int64, limit: Int) throws(SyncClientError) -> PullResponse {
        gate.lock()
        defer { gate.unlock() }
        let fault = faults.isEmpty ? nil : faults.removeFirst()
        if fault != nil { throw SyncClientError(kind: .unreachable, message: "网络中断（模拟）") }
        do {
            return try store.pull(after: after, limit: limit, token: token)
        } catch {
            throw SyncClientError.refused(error.status, error.body)
        }
    }
}
