extension CurlTransport {
    /// How `CurlTransport` connects: timeouts, proxy, trusted CA, limits.
    ///
    /// Defaults suit a district office on a slow or flaky line: 15 s to connect, 10 min per request,
    /// abort when fewer than 100 bytes/s move for 30 s, 256 MiB response limit.
    public struct Options: Sendable {
        /// Which proxy to use.
        public enum Proxy: Sendable, Hashable {
            /// libcurl's default: the `http_proxy` (lower case only — `HTTP_PROXY` is ignored by
            /// libcurl), `https_proxy`/`HTTPS_PROXY`, `all_proxy`/`ALL_PROXY` and `no_proxy`/`NO_PROXY`
            /// environment variables of the process; direct when none is set.
            case environment
            /// Always connect directly, whatever the environment says.
            case direct
            /// This proxy, e.g. `http://10.1.2.3:3128` (credentials may go in the URL:
            /// `http://user:password@host:port`; they never appear in errors). The environment is ignored.
            case url(String)
        }

        /// Longest wait for the TCP (and TLS) connection.
        public var connectTimeout: Duration = .seconds(15)
        /// Longest time for a whole request, connection included; `.zero` = no limit (rely on the
        /// low-speed abort).
        public var totalTimeout: Duration = .seconds(600)
        /// Abort when the transfer is slower than this many bytes/s for `lowSpeedTime`; 0 = never.
        public var lowSpeedLimit: Int = 100
        /// See `lowSpeedLimit` (whole seconds, rounded up).
        public var lowSpeedTime: Duration = .seconds(30)
        /// The proxy. Loopback targets (127.0.0.0/8, `::1`, `localhost`) always go direct: a proxy's
        /// idea of "localhost" is not ours, and plain HTTP must not leave the machine.
        public var proxy: Proxy = .environment
        /// A PEM file of CA certificates to trust *instead of* the system's (both the bundle and the
        /// `/etc/ssl/certs` directory are then ignored), for a server whose certificate is issued by a
        /// private (e.g. provincial e-government) CA. `nil` = the system's CAs.
        /// Certificate and host-name verification are always on; there is no switch to turn them off.
        public var caFile: String?
        /// Largest response body accepted, counted both as received and after gzip inflation.
        public var responseLimit: Int = 256 << 20
        /// Allow plain `http://` to hosts that are not loopback. Off: such URLs are refused before any
        /// connection, since sync traffic carries personal data and the office's access token.
        public var allowInsecureHTTP = false
        /// Sent as `User-Agent`.
        public var userAgent = "dsync/\(CurlTransport.clientVersion)"

        /// Options with the commonly changed fields set, the rest default (change others afterwards).
        public init(
            proxy: Proxy = .environment, caFile: String? = nil, connectTimeout: Duration = .seconds(15),
            totalTimeout: Duration = .seconds(600), allowInsecureHTTP: Bool = false
        ) {
            self.proxy = proxy
            self.caFile = caFile
            self.connectTimeout = connectTimeout
            self.totalTimeout = totalTimeout
            self.allowInsecureHTTP = allowInsecureHTTP
        }
    }
}
