import DistrictTestSupport
import Foundation
import Testing

/// A throw-away certificate authority made with the `openssl` command at test time, and server
/// certificates it signs: nothing that can expire is kept in the repository.
final class TestPKI {
    let directory = TemporaryDirectory("dsync-pki")
    var caFile: String { directory.file("ca.pem") }

    /// A CA ("DistrictSync 测试 CA") in a fresh directory.
    init() throws {
        let d = directory.path
        try Self.openssl(["req", "-x509"] + Self.ec + ["-keyout", d + "/ca.key", "-out", d + "/ca.pem", "-days", "2", "-subj", "/CN=DistrictSync Test CA"])
        try Data("01\n".utf8).write(to: URL(fileURLWithPath: d + "/serial"))
        try Data().write(to: URL(fileURLWithPath: d + "/index.txt"))
        try Data("""
            [ca]
            default_ca = ca_default
            [ca_default]
            database = \(d)/index.txt
            new_certs_dir = \(d)
            serial = \(d)/serial
            default_md = sha256
            policy = policy_any
            unique_subject = no
            [policy_any]
            commonName = supplied

            """.utf8).write(to: URL(fileURLWithPath: d + "/ca.cnf"))
    }

    /// A server certificate and key for `names` (`IP:127.0.0.1`, `DNS:localhost`, …) signed by this CA,
    /// valid from `start` to `end` (`YYYYMMDDHHMMSSZ`; default: from yesterday for two days).
    func serverCertificate(_ label: String, names: [String], start: String? = nil, end: String? = nil) throws -> (cert: String, key: String) {
        let d = directory.path
        let key = d + "/\(label).key", csr = d + "/\(label).csr", cert = d + "/\(label).pem", ext = d + "/\(label).ext"
        try Data("subjectAltName=\(names.joined(separator: ","))\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n".utf8)
            .write(to: URL(fileURLWithPath: ext))
        try Self.openssl(["req"] + Self.ec + ["-keyout", key, "-out", csr, "-subj", "/CN=\(label)"])
        let now = Date()
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMddHHmmss'Z'"
        formatter.timeZone = TimeZone(identifier: "UTC")
        let from = start ?? formatter.string(from: now.addingTimeInterval(-86_400))
        let to = end ?? formatter.string(from: now.addingTimeInterval(2 * 86_400))
        try Self.openssl([
            "ca", "-batch", "-notext", "-config", d + "/ca.cnf", "-cert", caFile, "-keyfile", d + "/ca.key", "-in", csr, "-out", cert,
            "-startdate", from, "-enddate", to, "-extfile", ext,
        ])
        return (cert, key)
    }

    private static let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    private static func openssl(_ arguments: [String]) throws {
        let result = try ProcessRunner.run("/usr/bin/openssl", arguments)
        try #require(result.status == 0, "openssl \(arguments.first ?? "") failed: \(result.stderr)")
    }
}
