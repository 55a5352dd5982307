import DistrictTestSupport
import Foundation
import SyncClient
import Testing

/// HTTPS against a server whose certificate comes from a throw-away private CA (made with the
/// `openssl` command, so nothing expires in the repository).
@Suite("TLS with a private CA", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
struct TLSTests {
    /// A CA, and a server certificate for 127.0.0.1 (only) signed by it, in a temporary directory.
    final class Certificates {
        let directory = TemporaryDirectory("dsync-tls")
        var caFile: String { directory.file("ca.pem") }
        var certFile: String { directory.file("server.pem") }
        var keyFile: String { directory.file("server.key") }

        init() throws {
            let d = directory.path
            try Data("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n".utf8)
                .write(to: URL(fileURLWithPath: d + "/ext.cnf"))
            let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
            try Self.openssl(
                ["req", "-x509"] + ec + [
                    "-keyout", d + "/ca.key", "-out", d + "/ca.pem", "-days", "2",
                    "-subj", "/CN=DistrictSync Test CA",
                ])
            try Self.openssl(["req"] + ec + ["-keyout", d + "/server.key", "-out", d + "/server.csr", "-subj", "/CN=127.0.0.1"])
            try Self.openssl([
                "x509", "-req", "-in", d + "/server.csr", "-CA", d + "/ca.pem", "-CAkey", d + "/ca.key",
                "-CAcreateserial", "-out", d + "/server.pem", "-days", "2", "-extfile", d + "/ext.cnf",
            ])
        }

        private static func openssl(_ arguments: [String]) throws {
            let result = try ProcessRunner.run("/usr/bin/openssl", arguments)
            try #require(result.status == 0, "openssl \(arguments.first ?? "") failed: \(result.stderr)")
        }
    }

    @Test("with the private CA file the request succeeds; without it TLS fails, not retryable")
    func privateCA() throws {
        let certificates = try Certificates()
        let server = try PythonHTTPServer(["--tls", certificates.certFile, certificates.keyFile])
        defer { server.stop() }
        let url = server.url("/status/200", scheme: "https")

        let trusting = CurlTransport(options: TransportTesting.options { $0.caFile = certificates.caFile })
        #expect(try trusting.send(.get(url)).status == 200)

        let systemCAs = CurlTransport(options: TransportTesting.options())
        let error = try #require(TransportTesting.failure(systemCAs, .get(url)))
        #expect(error.kind == .tlsFailed)
        #expect(!error.isRetryable)
        #expect(error.message.contains("证书"))
    }

    @Test("host-name verification stays on: the certificate is for 127.0.0.1, not localhost")
    func hostNameChecked() throws {
        let certificates = try Certificates()
        let server = try PythonHTTPServer(["--tls", certificates.certFile, certificates.keyFile])
        defer { server.stop() }
        let transport = CurlTransport(options: TransportTesting.options { $0.caFile = certificates.caFile })
        let error = try #require(TransportTesting.failure(transport, .get("https://localhost:\(server.port)/status/200")))
        #expect(error.kind == .tlsFailed)
        #expect(error.curlCode == 60)  // CURLE_PEER_FAILED_VERIFICATION
    }

    @Test("a missing CA file is a tlsFailed error naming the cause")
    func missingCAFile() throws {
        let certificates = try Certificates()
        let server = try PythonHTTPServer(["--tls", certificates.certFile, certificates.keyFile])
        defer { server.stop() }
        let transport = CurlTransport(options: TransportTesting.options { $0.caFile = certificates.directory.file("nope.pem") })
        let error = try #require(TransportTesting.failure(transport, .get(server.url("/status/200", scheme: "https"))))
        #expect(error.kind == .tlsFailed)
        #expect(error.curlCode == 77)  // CURLE_SSL_CACERT_BADFILE
    }
}
