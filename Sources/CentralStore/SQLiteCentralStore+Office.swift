internal import SQLiteDB

extension SQLiteCentralStore {
    /// The office an active token belongs to, nil when it is unknown or revoked (for log lines).
    public func office(forToken token: String) -> String? {
        try? db.scalar("SELECT office FROM tokens WHERE hash = ? AND revoked_at IS NULL", [.text(Self.hash(token))])?.text
    }
}
