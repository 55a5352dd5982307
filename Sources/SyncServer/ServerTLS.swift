import HummingbirdTLS

/// HTTPS for `dsync serve`: a PEM certificate chain (the server's certificate first, then any
/// intermediates) and its PEM private key. TLS 1.2 or later; the files are read once, at start.
public struct ServerTLS: Sendable, Hashable {
    public let certificateChainFile: String
    public let privateKeyFile: String

    public init(certificateChainFile: String, privateKeyFile: String) {
        self.certificateChainFile = certificateChainFile
        self.privateKeyFile = privateKeyFile
    }

    /// Why the certificate or key could not be used (Chinese, names the file).
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Reads and checks both files; throws a ``LoadError`` naming the file that is wrong.
    func configuration() throws(LoadError) -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificateChainFile)
        } catch {
            throw LoadError(description: "无法读取 TLS 证书文件 \(certificateChainFile)：文件不存在或不是 PEM 格式的证书（\(error)）")
        }
        guard !chain.isEmpty else { throw LoadError(description: "TLS 证书文件 \(certificateChainFile) 中没有证书") }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: privateKeyFile, format: .pem)
        } catch {
            throw LoadError(description: "无法读取 TLS 私钥文件 \(privateKeyFile)：文件不存在、不是 PEM 格式或已加密（\(error)）")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }
}
