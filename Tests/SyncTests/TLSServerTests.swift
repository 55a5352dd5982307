import DistrictTestSupport
import Foundation
import SyncClient
import Testing

/// `dsync serve --tls-cert --tls-key` (Hummingbird + swift-nio-ssl) against the libcurl client, with
/// certificates made by a throw-away CA at test time.
@Suite("TLS: dsync serve over https", .serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
struct TLSServerTests {
    let dsync = ProcessRunner.product("dsync")

    /// A TLS server for `cert`/`key` on a fresh store, and a token for 410103001.
    func serve(_ dir: TemporaryDirectory, cert: String, key: String) throws -> (ServerProcess, String) {
        let store = dir.file("central.db")
        let t = try ProcessRunner.run(dsync, ["token", "create", "--office", "410103001", "--store", store])
        try #require(t.status == 0, "\(t.stderr)")
        let server = try ServerProcess(store: store, arguments: ["--tls-cert", cert, "--tls-key", key])
        return (server, t.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func transport(caFile: String?) -> CurlTransport {
        CurlTransport(options: CurlTransport.Options(proxy: .direct, caFile: caFile, connectTimeout: .seconds(10), totalTimeout: .seconds(30)))
    }

    func failure(_ transport: CurlTransport, _ url: String) -> TransportError? {
        do {
            _ = try transport.send(HTTPRequest(url: url))
            return nil
        } catch { return error }
    }

    @Test("the handshake succeeds with --ca-file, and a whole dsync sync runs over https")
    func handshakeAndSync() throws {
        let pki = try TestPKI()
        let good = try pki.serverCertificate("good", names: ["IP:127.0.0.1", "DNS:localhost"])
        let dir = TemporaryDirectory("tls-e2e")
        let (server, token) = try serve(dir, cert: good.cert, key: good.key)
        #expect(server.url.hasPrefix("https://127.0.0.1:"))

        let health = try transport(caFile: pki.caFile).send(HTTPRequest(url: server.url + "/v1/health"))
        #expect(health.status == 200)
        #expect(String(decoding: health.body, as: UTF8.self).contains("ok"))
        // localhost is in the certificate too.
        #expect(try transport(caFile: pki.caFile).send(HTTPRequest(url: "https://localhost:\(server.port)/v1/health")).status == 200)

        let replica = dir.file("a.dsync")
        let i = try ProcessRunner.run(dsync, ["init", "--office", "410103001", "--replica", replica, "--server", server.url, "--token", token])
        try #require(i.status == 0, "\(i.stderr)")
        try ProcessRunner.sqlite3(replica, "INSERT INTO project (project_no, name) VALUES ('410103001-2024-0001', '兰盾电子产业园');")
        let s = try ProcessRunner.run(dsync, ["sync", "--replica", replica, "--ca-file", pki.caFile])
        #expect(s.status == 0, "\(s.stderr)")
        #expect(s.stdout.contains("上报 1 项"))
        let rows = try ProcessRunner.sqlite3(server.store, "SELECT name FROM project;").stdout
        #expect(rows.contains("兰盾电子产业园"))
    }

    @Test("a certificate from an unknown CA is refused with a clear Chinese message; dsync sync keeps the edits")
    func unknownCA() throws {
        let pki = try TestPKI(), other = try TestPKI()
        let good = try pki.serverCertificate("good", names: ["IP:127.0.0.1"])
        let dir = TemporaryDirectory("tls-e2e")
        let (server, token) = try serve(dir, cert: good.cert, key: good.key)

        for caFile in [other.caFile, nil] {  // another private CA, and the system's CAs
            let error = try #require(failure(transport(caFile: caFile), server.url + "/v1/health"))
            #expect(error.kind == .tlsFailed)
            #expect(!error.isRetryable)
            #expect(error.message.contains("不是由受信任的机构签发"), "\(error)")
            #expect(error.message.contains("--ca-file"))
        }

        let replica = dir.file("a.dsync")
        try #require(try ProcessRunner.run(dsync, ["init", "--office", "410103001", "--replica", replica, "--server", server.url, "--token", token]).status == 0)
        try ProcessRunner.sqlite3(replica, "INSERT INTO project (project_no, name) VALUES ('p1', '甲');")
        let s = try ProcessRunner.run(dsync, ["sync", "--replica", replica, "--ca-file", other.caFile, "--retries", "1"])
        #expect(s.status == 2)
        #expect(s.stderr.contains("证书"), "\(s.stderr)")
        #expect(s.stderr.contains("本地修改都已保留"))
        #expect(try ProcessRunner.sqlite3(replica, "SELECT count(*) FROM _ds_log;").stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    }

    @Test("a certificate for another host name is refused")
    func wrongHostName() throws {
        let pki = try TestPKI()
        let other = try pki.serverCertificate("other", names: ["DNS:sync.example.cn"])
        let dir = TemporaryDirectory("tls-e2e")
        let (server, _) = try serve(dir, cert: other.cert, key: other.key)
        let error = try #require(failure(transport(caFile: pki.caFile), server.url + "/v1/health"))
        #expect(error.kind == .tlsFailed)
        #expect(error.curlCode == 60)  // CURLE_PEER_FAILED_VERIFICATION
        #expect(error.message.contains("与所连接的地址不符"), "\(error)")
    }

    @Test("an expired certificate is refused")
    func expired() throws {
        let pki = try TestPKI()
        let old = try pki.serverCertificate("old", names: ["IP:127.0.0.1"], start: "20200101000000Z", end: "20200201000000Z")
        let dir = TemporaryDirectory("tls-e2e")
        let (server, _) = try serve(dir, cert: old.cert, key: old.key)
        let error = try #require(failure(transport(caFile: pki.caFile), server.url + "/v1/health"))
        #expect(error.kind == .tlsFailed)
        #expect(error.message.contains("已过期"), "\(error)")
    }

    @Test("plain http:// on a TLS port is not answered as HTTP")
    func plainOnTLSPort() throws {
        let pki = try TestPKI()
        let good = try pki.serverCertificate("good", names: ["IP:127.0.0.1"])
        let dir = TemporaryDirectory("tls-e2e")
        let (server, _) = try serve(dir, cert: good.cert, key: good.key)
        #expect(failure(transport(caFile: pki.caFile), "http://127.0.0.1:\(server.port)/v1/health") != nil)
    }

    @Test("a missing or wrong key file stops dsync serve at once with a message naming the file")
    func badKeyFile() throws {
        let pki = try TestPKI()
        let good = try pki.serverCertificate("good", names: ["IP:127.0.0.1"])
        let dir = TemporaryDirectory("tls-e2e")
        let missing = dir.file("nope.key")
        let r = try ProcessRunner.run(dsync, ["serve", "--store", dir.file("c.db"), "--port", "0", "--tls-cert", good.cert, "--tls-key", missing])
        #expect(r.status == 1)
        #expect(r.stderr.contains("私钥文件") && r.stderr.contains(missing), "\(r.stderr)")
        let half = try ProcessRunner.run(dsync, ["serve", "--store", dir.file("c.db"), "--port", "0", "--tls-cert", good.cert])
        #expect(half.status == 1)
        #expect(half.stderr.contains("必须同时给出"))
    }

    @Test("dsync sync refuses plain http:// to a non-loopback host before any connection, unless --allow-insecure-http")
    func insecureRefusedByCLI() throws {
        let dir = TemporaryDirectory("tls-e2e")
        let replica = dir.file("a.dsync")
        try #require(try ProcessRunner.run(dsync, ["init", "--office", "410103001", "--replica", replica, "--server", "http://10.255.255.1:8080", "--token", "dst_x"]).status == 0)
        try ProcessRunner.sqlite3(replica, "INSERT INTO project (project_no, name) VALUES ('p1', '甲');")
        // A proxy that is not there: if any request left the check, libcurl would report the proxy.
        let env = ["https_proxy": "http://127.0.0.1:9", "http_proxy": "http://127.0.0.1:9", "all_proxy": "http://127.0.0.1:9"]
        let r = try ProcessRunner.run(dsync, ["sync", "--replica", replica, "--retries", "3"], environment: env)
        #expect(r.status == 2)
        #expect(r.stderr.contains("https://"), "\(r.stderr)")
        #expect(!r.stderr.contains("代理") && !r.stderr.contains("超时") && !r.stderr.contains("重试"), "\(r.stderr)")
        // With the flag the check lets it through, and the (dead) proxy is what fails.
        let allowed = try ProcessRunner.run(dsync, ["sync", "--replica", replica, "--retries", "1", "--allow-insecure-http", "--proxy", "http://127.0.0.1:9"])
        #expect(allowed.status == 2)
        #expect(allowed.stderr.contains("代理"), "\(allowed.stderr)")
    }
}
