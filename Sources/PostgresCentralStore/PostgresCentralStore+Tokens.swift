internal import CentralStore
internal import PostgresNIO
internal import SQLiteDB
internal import SyncModel

extension PostgresCentralStore {
    /// Creates an access token for `office`; only its SHA-256 is stored.
    public func createToken(office: String, label: String? = nil) async throws -> String {
        guard scope(of: office) != nil else {
            throw SyncFailure(status: 400, code: "token.unknown_office", message: "单位代码 \(office) 不在单位名录中")
        }
        let token = AccessToken.generate()
        _ = try await query("INSERT INTO tokens (hash, office, label, created_at) VALUES ($1, $2, $3, $4)",
                            [.text(AccessToken.hash(token)), .text(office), label.map(SQLValue.text) ?? .null, .integer(WallClock.nowMillis())])
        return token
    }

    /// Revokes every token of `office`; returns how many were active.
    @discardableResult
    public func revokeTokens(office: String) async throws -> Int {
        try await query("UPDATE tokens SET revoked_at = $1 WHERE office = $2 AND revoked_at IS NULL RETURNING 1",
                        [.integer(WallClock.nowMillis()), .text(office)]).count
    }

    /// The office a token belongs to, or 401.
    func authenticate(_ token: String) async throws(SyncFailure) -> OfficeScope {
        let office: String?
        do {
            office = try await query("SELECT office FROM tokens WHERE hash = $1 AND revoked_at IS NULL", [.text(AccessToken.hash(token))]).first?.first?.text
        } catch { throw storeFailure(error) }
        guard let office, let scope = scope(of: office) else { throw SyncFailure.unauthorized() }
        return scope
    }
}
