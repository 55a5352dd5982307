import Hummingbird
import SyncModel

/// Reading the sync protocol's headers off a request. Values are validated, never logged or echoed.
extension Request {
    /// Refuses a request from a client on another protocol version (or none).
    func checkProtocolVersion() throws(SyncFailure) {
        let raw = headers[.syncProtocol]
        guard let raw, Int(raw.trimmingSpaces) == SyncProtocol.version else {
            throw .protocolUnsupported(client: raw.flatMap { Int($0.trimmingSpaces) })
        }
    }

    /// Refuses a request whose replica is at another catalog version than the server's store.
    func checkSchemaVersion(server: Int) throws(SyncFailure) {
        guard let raw = headers[.syncSchema], let client = Int(raw.trimmingSpaces), client >= 0 else {
            throw .schemaMissing
        }
        guard client == server else { throw .schemaMismatch(client: client, server: server) }
    }

    /// The token of `Authorization: Bearer <token>`: the scheme in any case, one non-empty token of
    /// visible ASCII characters.
    func bearerToken() throws(SyncFailure) -> String {
        guard let value = headers[.authorization] else { throw .missingToken }
        let parts = value.trimmingSpaces.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer",
            parts[1].utf8.allSatisfy({ (0x21...0x7e).contains($0) })
        else { throw .missingToken }
        return String(parts[1])
    }

    /// The gzip level of this request's answer: what `DistrictSync-Gzip-Level` asks for, within what the
    /// server grants (`LinkCompression.grantedLevel`).
    var grantedGzipLevel: Int32 {
        LinkCompression.grantedLevel(requested: headers[.gzipLevel])
    }

    /// Whether the client takes gzip'd responses (`Accept-Encoding` lists `gzip`, `x-gzip` or `*` with a
    /// non-zero quality).
    var acceptsGzip: Bool {
        guard let value = headers[.acceptEncoding] else { return false }
        for item in value.split(separator: ",") {
            let params = item.split(separator: ";").map { $0.trimmingSpaces.lowercased() }
            guard let coding = params.first, ["gzip", "x-gzip", "*"].contains(coding) else { continue }
            let quality = params.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if quality > 0 { return true }
        }
        return false
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (header values are ASCII-trimmed).
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
