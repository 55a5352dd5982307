internal import CDistrictCurl
internal import GzipCodec
internal import Synchronization

/// The office client's HTTP transport: one blocking request/response exchange over libcurl.
///
/// What it does for every request: verifies TLS (optionally against a private CA), refuses plain
/// `http://` to anything but this machine, sends an empty `Expect:` (no 100-continue stall on large
/// uploads), asks for gzip and inflates it itself within `Options.responseLimit` (so a gzip bomb
/// fails as `responseTooLarge` instead of eating memory), and never follows redirects.
/// What it must never do: retry (that is `RetryPolicy`'s job), decide what a status code means, or
/// put bodies, query strings or credentials into errors.
///
/// `send` blocks its thread for up to `Options.totalTimeout`. Call it from a dedicated thread (the
/// synchronous CLI's main thread, or a `Thread` owned by the sync loop) — never from Swift's
/// cooperative pool, which has as few threads as cores (two on an office PC) and would stall every
/// other task. It is safe to call from several threads at once; one idle connection is kept for
/// reuse. libcurl runs with `CURLOPT_NOSIGNAL`, so timeouts never use signals.
public final class CurlTransport: Sendable {
    /// This client's version, sent in `User-Agent` as `dsync/<version>`.
    public static let clientVersion = "0.1.0"

    public let options: Options
    /// One handle kept between requests so the next one can reuse its connection and TLS session.
    private let idle = Mutex<CurlEasy?>(nil)

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Sends `request` and waits for the whole response. Any HTTP status is returned as a response;
    /// only "no usable response" throws.
    public func send(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse {
        let url = try TargetURL(parsing: request.url)
        do throws(TransportError) {
            try check(request, url)
            let easy = try checkOut()
            defer { checkIn(easy) }
            return try exchange(request, url, on: easy)
        } catch {
            throw error.at("\(request.method) \(url.redacted)")
        }
    }

    // MARK: - Checks before any connection

    private func check(_ request: HTTPRequest, _ url: TargetURL) throws(TransportError) {
        if url.scheme == "http" && !url.isLoopback && !options.allowInsecureHTTP {
            throw TransportError(
                kind: .insecureURL,
                message: "出于安全考虑，已拒绝以未加密的 http:// 连接非本机服务器 \(url.host)：同步数据含个人信息和单位令牌，请改用 https:// 地址",
                cause: "plain http to non-loopback host \(url.host) (allowInsecureHTTP is off)")
        }
        guard !request.method.isEmpty, request.method.utf8.allSatisfy(Self.isTokenByte) else {
            throw TransportError(kind: .invalidRequest, message: "请求无效，请联系管理员", cause: "bad method token")
        }
        for (name, value) in request.headers {
            guard !name.isEmpty, name.utf8.allSatisfy(Self.isTokenByte) else {
                throw TransportError(kind: .invalidRequest, message: "请求无效，请联系管理员", cause: "bad header name")
            }
            guard !value.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 }) else {
                throw TransportError(kind: .invalidRequest, message: "请求无效，请联系管理员", cause: "header \(name) contains CR, LF or NUL")
            }
        }
    }

    /// RFC 9110 `tchar`.
    private static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: Array("!#$%&'*+-.^_`|~".utf8).contains(b)
        }
    }

    // MARK: - Handle pool (one idle handle)

    private func checkOut() throws(TransportError) -> CurlEasy {
        if let easy = idle.withLock({ $0.take() }) { return easy }
        return try CurlEasy()
    }

    private func checkIn(_ easy: CurlEasy) {
        easy.reset()
        idle.withLock { slot in
            if slot == nil { slot = easy }
        }
    }

    // MARK: - The transfer

    private func exchange(_ request: HTTPRequest, _ url: TargetURL, on easy: CurlEasy) throws(TransportError) -> HTTPResponse {
        var request = request
        if request.body == nil && ["POST", "PUT", "PATCH"].contains(request.method) {
            request.body = []  // send Content-Length: 0 (some proxies answer 411 otherwise)
        }
        try configure(easy, request, url)
        let headerList = try HeaderList(request)
        defer { headerList.free() }
        try easy.set(CURLOPT_HTTPHEADER, list: headerList.head)

        let sink = ResponseSink(bodyLimit: options.responseLimit)
        defer { withExtendedLifetime(sink) {} }  // C holds an unretained pointer to it during perform
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        defer { errorBuffer.deallocate() }
        try easy.set(CURLOPT_ERRORBUFFER, pointer: errorBuffer)
        try easy.setCallbacks(
            body: ResponseSink.bodyCallback, header: ResponseSink.headerCallback,
            context: Unmanaged.passUnretained(sink).toOpaque())

        let code: CURLcode
        if let body = request.body {
            // A zero-byte body still needs a non-NULL pointer, or libcurl would call a read callback.
            let bytes = body.isEmpty ? [0] : body
            code = try bytes.withUnsafeBufferPointer { (buffer: UnsafeBufferPointer<UInt8>) throws(TransportError) -> CURLcode in
                try easy.set(CURLOPT_POSTFIELDS, pointer: UnsafeMutableRawPointer(mutating: buffer.baseAddress))
                try easy.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: body.count)
                if request.method != "POST" { try easy.set(CURLOPT_CUSTOMREQUEST, request.method) }
                return easy.perform()
            }
        } else {
            code = easy.perform()
        }
        if sink.overflowed { throw tooLarge("received more than \(options.responseLimit) bytes") }
        guard code == CURLE_OK else {
            let explicitProxy = if case .url = options.proxy, !url.isLoopback { true } else { false }
            throw .curl(code, detail: String(cString: errorBuffer), explicitProxy: explicitProxy, connectCode: easy.connectCode())
        }
        var response = try decode(status: easy.responseCode(), headers: sink.headers, body: sink.body)
        response.wireBodyBytes = sink.body.count
        response.bodyBytesPerSecond = sink.bodyBytesPerSecond
        return response
    }

    private func configure(_ easy: CurlEasy, _ request: HTTPRequest, _ url: TargetURL) throws(TransportError) {
        try easy.set(CURLOPT_URL, request.url)
        try easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_NOSIGNAL, 1)
        try easy.set(CURLOPT_FOLLOWLOCATION, 0)
        try easy.set(CURLOPT_TCP_KEEPALIVE, 1)
        try easy.set(CURLOPT_SSLVERSION, Int(CURL_SSLVERSION_TLSv1_2))
        try easy.set(CURLOPT_USERAGENT, options.userAgent)
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeout.wholeMilliseconds)
        try easy.set(CURLOPT_TIMEOUT_MS, options.totalTimeout.wholeMilliseconds)
        if options.lowSpeedLimit > 0 {
            try easy.set(CURLOPT_LOW_SPEED_LIMIT, options.lowSpeedLimit)
            try easy.set(CURLOPT_LOW_SPEED_TIME, options.lowSpeedTime.wholeSecondsRoundedUp)
        }
        if let caFile = options.caFile {
            try easy.set(CURLOPT_CAINFO, caFile)
            try easy.set(CURLOPT_CAPATH, pointer: nil)  // Debian's libcurl also trusts /etc/ssl/certs by default
        }
        switch url.isLoopback ? .direct : options.proxy {
        case .environment: break  // libcurl reads the *_proxy variables itself
        case .direct: try easy.set(CURLOPT_PROXY, "")  // "" disables every proxy, environment included
        case .url(let proxy): try easy.set(CURLOPT_PROXY, proxy)
        }
        switch request.method {
        case "HEAD": try easy.set(CURLOPT_NOBODY, 1)
        case "GET" where request.body == nil: try easy.set(CURLOPT_HTTPGET, 1)
        case _ where request.body == nil: try easy.set(CURLOPT_CUSTOMREQUEST, request.method)
        default: break  // set together with the body
        }
    }

    // MARK: - After the transfer

    private func decode(status: Int, headers: [String: String], body: [UInt8]) throws(TransportError) -> HTTPResponse {
        let encoding = headers["content-encoding"]?.lowercased() ?? "identity"
        switch encoding {
        case "identity", "":
            return HTTPResponse(status: status, headers: headers, body: body)
        case "gzip", "x-gzip":
            if body.isEmpty { return HTTPResponse(status: status, headers: headers, body: body) }  // HEAD, 204, 304
            do {
                let inflated = try Gzip.decompress(body, limit: options.responseLimit)
                return HTTPResponse(status: status, headers: headers, body: inflated, wasGzipped: true)
            } catch .tooLarge {
                throw tooLarge("gzip body inflates past \(options.responseLimit) bytes")
            } catch {
                throw TransportError(kind: .badResponse, message: "同步服务器返回的压缩数据已损坏，请稍后重试", cause: "corrupt gzip body (\(body.count) bytes)")
            }
        default:
            throw TransportError(kind: .badResponse, message: "同步服务器返回了无法识别的压缩格式，请联系管理员", cause: "Content-Encoding: \(encoding)")
        }
    }

    private func tooLarge(_ cause: String) -> TransportError {
        let mib = max(1, options.responseLimit >> 20)
        return TransportError(kind: .responseTooLarge, message: "服务器返回的数据超过上限（\(mib) MiB），已中止接收；请联系管理员", cause: cause)
    }
}
