internal import CDistrictCurl
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A request URL as libcurl itself parses it (`curl_url`), so the loopback check judges exactly the
/// host libcurl will connect to — no second parser to disagree with (`http://127.0.0.1@evil.example/`
/// is host `evil.example`).
struct TargetURL: Sendable {
    /// `http` or `https`, lower-cased.
    let scheme: String
    /// The host as libcurl reports it (IPv6 in brackets), lower-cased.
    let host: String
    /// `scheme://host[:port]/path`, without user info, query or fragment — safe for error text.
    let redacted: String

    /// Parses `url`; only absolute `http`/`https` URLs are accepted.
    init(parsing url: String) throws(TransportError) {
        guard let handle = curl_url() else { throw TransportError(kind: .other, message: "网络组件出错，请重试", cause: "curl_url: out of memory") }
        defer { curl_url_cleanup(handle) }
        let rc = curl_url_set(handle, CURLUPART_URL, url, 0)
        guard rc == CURLUE_OK else {
            throw TransportError(
                kind: .invalidRequest, message: "同步服务器地址无效，请检查设置（应为 https://… 形式的完整地址）",
                cause: "curl_url: \(String(cString: curl_url_strerror(rc)))")
        }
        func part(_ p: CURLUPart) -> String? {
            var out: UnsafeMutablePointer<CChar>?
            guard curl_url_get(handle, p, &out, 0) == CURLUE_OK, let out else { return nil }
            defer { curl_free(out) }
            return String(cString: out)
        }
        let scheme = (part(CURLUPART_SCHEME) ?? "").lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw TransportError(kind: .invalidRequest, message: "同步服务器地址无效：只支持 https:// 地址", cause: "unsupported scheme \(scheme)")
        }
        guard let host = part(CURLUPART_HOST)?.lowercased(), !host.isEmpty else {
            throw TransportError(kind: .invalidRequest, message: "同步服务器地址无效：缺少主机名", cause: "no host")
        }
        self.scheme = scheme
        self.host = host
        let port = part(CURLUPART_PORT).map { ":\($0)" } ?? ""
        redacted = "\(scheme)://\(host)\(port)\(part(CURLUPART_PATH) ?? "/")"
    }

    /// Whether the host is this machine: `localhost`, 127.0.0.0/8 or `::1`. Names other than
    /// `localhost` are never trusted (DNS could point them anywhere).
    var isLoopback: Bool {
        var name = host
        if name.hasSuffix(".") { name.removeLast() }
        if name == "localhost" { return true }
        if name.hasPrefix("[") && name.hasSuffix("]") {
            var a6 = in6_addr()
            guard inet_pton(AF_INET6, String(name.dropFirst().dropLast()), &a6) == 1 else { return false }
            return withUnsafeBytes(of: &a6) { $0.elementsEqual([UInt8](repeating: 0, count: 15) + [1]) }
        }
        var a4 = in_addr()
        guard inet_pton(AF_INET, name, &a4) == 1 else { return false }
        return withUnsafeBytes(of: &a4) { $0.first == 127 }
    }
}
