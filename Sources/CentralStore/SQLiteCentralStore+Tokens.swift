internal import Crypto
internal import Foundation
internal import SQLiteDB
internal import SyncModel

extension SQLiteCentralStore {
    /// Creates an access token for `office` and returns it. Only its SHA-256 is stored: the token is shown
    /// once and cannot be recovered.
    public func createToken(office: String, label: String? = nil) throws -> String {
        guard OfficeScope(office: office, units: units) != nil else {
            throw SyncFailure(status: 400, code: "token.unknown_office", message: "单位代码 \(office) 不在单位名录中")
        }
        let token = AccessToken.generate()
        try db.run("INSERT INTO tokens (hash, office, label, created_at) VALUES (?, ?, ?, ?)",
                   [.text(Self.hash(token)), .text(office), .text(label), .integer(WallClock.nowMillis())])
        return token
    }

    /// Revokes every token of `office`; returns how many were active.
    @discardableResult
    public func revokeTokens(office: String) throws -> Int {
        try db.run("UPDATE tokens SET revoked_at = ? WHERE office = ? AND revoked_at IS NULL", [.integer(WallClock.nowMillis()), .text(office)])
        return db.changes
    }

    /// The office a token belongs to, or 401.
    func authenticate(_ token: String) throws(SyncFailure) -> OfficeScope {
        let row: [SQLValue]?
        do {
            row = try db.query("SELECT office FROM tokens WHERE hash = ? AND revoked_at IS NULL", [.text(Self.hash(token))]).first
        } catch { throw storeFailure(error) }
        guard let office = row?.first?.text, let scope = OfficeScope(office: office, units: units) else { throw SyncFailure.unauthorized() }
        return scope
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
