internal import CentralStore
import Synchronization

/// The next page of a long pull, read from the store and gzip'd while the client is still taking in the
/// page before it.
///
/// A clone is a chain of pulls, each asking for the page after the previous one's cursor, so without this
/// the server reads and compresses a page while the client waits, then the client decodes and applies it
/// while the server waits. When a page is full (`more`), the responder starts reading the next one at once,
/// keyed by what its request will be (token, cursor, limit, whether it takes gzip), and answers that
/// request from here once the token has been checked again. The page is gzip'd at the level the request
/// before it asked for (a level is the client's preference for its link, not part of the answer).
///
/// A full page is exactly what a later read returns: new changes only ever get later feed positions. A page
/// that is not full may lack pushes made after it was read; it is served only when the backend applied no
/// push in between (`SyncBackend.pushesApplied`), else read again. Entries live `lifetime` at most,
/// `capacity` at a time; a client that never asks wastes one page's read.
final class PullReadAhead: Sendable {
    struct Key: Hashable, Sendable {
        /// The SHA-256 of the token, not the token.
        var tokenHash: String
        var after: Int64
        var limit: Int
        var gzip: Bool

        init(token: String, after: Int64, limit: Int, gzip: Bool) {
            tokenHash = AccessToken.hash(token)
            self.after = after
            self.limit = limit
            self.gzip = gzip
        }

        /// `key` with another cursor: the next page's request.
        init(_ key: Key, after: Int64) {
            self = key
            self.after = after
        }
    }

    /// A page read ahead, ready to send.
    struct Page: Sendable {
        var reply: JSONReply
        var count: Int
        var cursor: Int64
        var more: Bool
        /// `SyncBackend.pushesApplied` just before the page was read.
        var pushesBefore: Int
    }

    private struct Entry {
        var key: Key
        var page: Task<Page?, Never>
        var started: ContinuousClock.Instant
    }

    /// Pages kept at most (one per client in the middle of a long pull); the oldest goes first.
    static let capacity = 8
    /// How long a page is kept for the request it was read for: a client takes well under a second to apply
    /// a page; this is for one that went away.
    static let lifetime: Duration = .seconds(30)

    private let entries = Mutex<[Entry]>([])

    /// Starts reading the page `key` names (`read` returns nil when the store refused or failed: the request
    /// then reads for itself and gets the store's own answer).
    func start(_ key: Key, read: @escaping @Sendable () async -> Page?) {
        let task = Task { await read() }
        let now = ContinuousClock.now
        entries.withLock { entries in
            entries.removeAll { $0.key == key || now - $0.started > Self.lifetime }
            if entries.count >= Self.capacity { entries.removeFirst(entries.count - Self.capacity + 1) }
            entries.append(Entry(key: key, page: task, started: now))
        }
    }

    /// Takes the page read for `key`, if one was started and has not expired.
    func take(_ key: Key) -> Task<Page?, Never>? {
        entries.withLock { entries in
            guard let i = entries.firstIndex(where: { $0.key == key }) else { return nil }
            let entry = entries.remove(at: i)
            return ContinuousClock.now - entry.started > Self.lifetime ? nil : entry.page
        }
    }

    /// How many pages are waiting for their request.
    var waiting: Int { entries.withLock { $0.count } }
}
