internal import CentralStore
internal import Synchronization

/// The offices of tokens the server has seen, for request log lines: looked up in the store once per
/// token, then answered without queuing behind the store's writer (a push's log line used to wait for
/// the batch ahead of it to be merged before its own body was even read).
///
/// Keyed by the token's SHA-256, never the token. A token refused as unknown or revoked is forgotten, so
/// its later requests are logged without an office, as the store would answer.
final class TokenOffices: Sendable {
    private let known = Mutex<[String: String]>([:])
    /// Entries kept at most (tokens of every office of a city several times over); past it, start over.
    private static let capacity = 8_192

    /// The office recorded for `token`, nil when not seen yet.
    func office(for token: String) -> String? {
        let key = AccessToken.hash(token)
        return known.withLock { $0[key] }
    }

    /// Records the office `token` belongs to.
    func record(_ office: String, for token: String) {
        let key = AccessToken.hash(token)
        known.withLock {
            if $0.count >= Self.capacity { $0.removeAll(keepingCapacity: true) }
            $0[key] = office
        }
    }

    /// Forgets `token` (the store refused it).
    func forget(_ token: String) {
        let key = AccessToken.hash(token)
        _ = known.withLock { $0.removeValue(forKey: key) }
    }
}
