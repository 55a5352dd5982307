internal import CDistrictCurl

extension TransportError {
    /// The error for a failed `curl_easy_perform`, classified by its `CURLcode`. `detail` is the text
    /// libcurl wrote to the error buffer (more specific than `curl_easy_strerror`), when there is one.
    /// `explicitProxy`: an `Options.Proxy.url` was in use, so a failed connect was a failed connect to
    /// it. `connectCode`: the proxy's answer to `CONNECT` (0 if none), ≥ 300 when it refused the tunnel.
    static func curl(_ code: CURLcode, detail: String, explicitProxy: Bool, connectCode: Int) -> TransportError {
        let text = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        let cause = "curl \(code.rawValue): \(text)"
        var (kind, message) = classify(code)
        if connectCode >= 300 {
            (kind, message) = (.connectionFailed, "代理服务器拒绝转发到同步服务器的连接（HTTP \(connectCode)），请检查代理设置")
        } else if explicitProxy && code == CURLE_COULDNT_CONNECT {
            message = "无法连接代理服务器，请检查代理设置和网络连接"
        } else if code == CURLE_PEER_FAILED_VERIFICATION, let specific = certificateMessage(text) {
            message = specific
        }
        return TransportError(kind: kind, message: message, cause: cause, curlCode: Int(code.rawValue))
    }

    /// A libcurl set-up call (an option, a header list) that failed before any transfer.
    static func setup(_ code: CURLcode, _ what: String) -> TransportError {
        TransportError(
            kind: .other, message: "网络组件设置失败，请重试或联系管理员",
            cause: "\(what): curl \(code.rawValue): \(String(cString: curl_easy_strerror(code)))", curlCode: Int(code.rawValue))
    }

    /// A precise message for the common certificate failures, from OpenSSL's text in libcurl's error
    /// buffer; nil when the text is not one of them (the general TLS message is used then).
    private static func certificateMessage(_ detail: String) -> String? {
        let d = detail.lowercased()
        if d.contains("expired") {
            return "服务器证书已过期，已拒绝连接（证书校验未通过）。请联系管理员更换服务器证书；本机修改都已保留"
        }
        if d.contains("not yet valid") {
            return "服务器证书尚未生效，已拒绝连接（证书校验未通过）。请检查本机和服务器的时间是否正确"
        }
        if d.contains("subject name") || d.contains("does not match") || d.contains("alternative certificate") {
            return "服务器证书与所连接的地址不符，已拒绝连接（证书校验未通过）。请检查服务器地址是否与证书上的名称一致"
        }
        if d.contains("local issuer") || d.contains("self-signed") || d.contains("self signed") || d.contains("unknown ca") {
            return "服务器证书不是由受信任的机构签发，已拒绝连接（证书校验未通过）。如服务器使用单位自建的 CA，请用 --ca-file 指定该 CA 证书"
        }
        return nil
    }

    private static func classify(_ code: CURLcode) -> (Kind, String) {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST:
            return (.connectionFailed, "无法解析同步服务器的地址，请检查网络连接和服务器地址设置")
        case CURLE_COULDNT_RESOLVE_PROXY, CURLE_PROXY:
            return (.connectionFailed, "无法通过代理服务器连接，请检查代理设置")
        case CURLE_COULDNT_CONNECT, CURLE_NO_CONNECTION_AVAILABLE, CURLE_INTERFACE_FAILED:
            return (.connectionFailed, "无法连接同步服务器，请检查网络连接后重试")
        case CURLE_PARTIAL_FILE, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_SEND_FAIL_REWIND:
            return (.connectionLost, "与同步服务器的连接中断，数据未完整传输，请稍后重试")
        case CURLE_OPERATION_TIMEDOUT:
            return (.timedOut, "连接同步服务器超时，网络可能较慢或不稳定，请稍后重试")
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED,
            CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED:
            return (.tlsFailed, "无法与同步服务器建立安全连接（证书校验未通过），请联系管理员检查服务器证书或本机 CA 证书设置")
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return (.invalidRequest, "同步服务器地址无效，请检查设置")
        case CURLE_WRITE_ERROR, CURLE_FILESIZE_EXCEEDED:
            return (.responseTooLarge, "服务器返回的数据超过上限，已中止接收")
        case CURLE_WEIRD_SERVER_REPLY, CURLE_BAD_CONTENT_ENCODING, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return (.badResponse, "无法识别同步服务器的答复，请稍后重试或联系管理员")
        default:
            return (.other, "网络通信出错，请重试或联系管理员")
        }
    }
}
