import Hummingbird
import Logging
import SyncModel

extension SyncResponder {
    /// `GET /v1/pull?after=CURSOR&limit=N`: `after` ≥ 0 (default 0), `limit` in 1…`maxPullLimit` (default 1000).
    /// A full page starts the read of the next one (`PullReadAhead`) when the backend counts its pushes.
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
        // The key hashes the token: built only when a page may be waiting or one is to be read ahead.
        let key = { PullReadAhead.Key(token: token, after: after, limit: limit, gzip: request.acceptsGzip) }
        let level = request.grantedGzipLevel
        if readAhead.waiting > 0 {
            let served = key()
            if let page = await pageReadAhead(served, token: token) {
                metadata["changes"] = "\(page.count)"
                metadata["read_ahead"] = "served"
                if page.more { readAhead(after: page.cursor, like: served, level: level, token: token) }
                return page.reply
            }
        }
        let answer = try await backend.pullEncoded(after: after, limit: limit, token: token)
        metadata["changes"] = "\(answer.count)"
        if answer.more { readAhead(after: answer.cursor, like: key(), level: level, token: token) }
        return JSONReply(status: .ok, json: answer.json)
    }

    /// The page read ahead for `key`, if there is one that may be served now: read without failing, full or
    /// with no push applied since, for a token that is still active.
    private func pageReadAhead(_ key: PullReadAhead.Key, token: String) async -> PullReadAhead.Page? {
        guard let task = readAhead.take(key) else { return nil }
        guard let page = await task.value else {
            metrics.recordReadAhead(.failed)
            return nil
        }
        guard page.more || page.pushesBefore == backend.pushesApplied else {
            metrics.recordReadAhead(.stale)
            return nil
        }
        // A token revoked meanwhile: the store refuses it on the ordinary path below.
        guard await backend.activeOffice(forToken: token) != nil else { return nil }
        metrics.recordReadAhead(.served)
        return page
    }

    /// Starts reading the page after `cursor` for the request that will ask for it (as `key`'s did), gzip'd
    /// at `level` if that request takes gzip.
    private func readAhead(after cursor: Int64, like key: PullReadAhead.Key, level: Int32, token: String) {
        guard let pushes = backend.pushesApplied else { return }
        let next = PullReadAhead.Key(key, after: cursor)
        let backend = self.backend
        readAhead.start(next) {
            guard let answer = try? await backend.pullEncoded(after: next.after, limit: next.limit, token: token) else { return nil }
            var reply = JSONReply(status: .ok, json: answer.json)
            if next.gzip { reply = reply.compressed(level: level) }
            return PullReadAhead.Page(reply: reply, count: answer.count, cursor: answer.cursor, more: answer.more, pushesBefore: pushes)
        }
    }

    /// The page size when the client names none.
    static let defaultPullLimit = 1000
}
