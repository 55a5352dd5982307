internal import CDistrictCurl

/// One libcurl easy handle, with typed, checked option setters.
///
/// `@unchecked Sendable` because the handle moves between threads through `CurlTransport`'s idle
/// slot; it is only ever *used* by one thread at a time (checked out, used, reset, checked in).
final class CurlEasy: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer

    init() throws(TransportError) {
        try CurlGlobal.ensureInitialised()
        guard let h = curl_easy_init() else {
            throw TransportError(kind: .other, message: "网络组件初始化失败，请重试", cause: "curl_easy_init returned NULL")
        }
        handle = h
    }

    deinit { curl_easy_cleanup(handle) }

    /// Forgets every option but keeps the connection, DNS and TLS-session caches for the next request.
    func reset() { curl_easy_reset(handle) }

    func set(_ option: CURLoption, _ value: Int) throws(TransportError) {
        try check(cdistrict_curl_setopt_long(handle, option, value), option)
    }

    func set(_ option: CURLoption, offset value: Int) throws(TransportError) {
        try check(cdistrict_curl_setopt_off(handle, option, curl_off_t(value)), option)
    }

    /// libcurl copies string options (all but `CURLOPT_POSTFIELDS`), so the Swift string may go away.
    func set(_ option: CURLoption, _ value: String) throws(TransportError) {
        try check(cdistrict_curl_setopt_str(handle, option, value), option)
    }

    /// The pointer must stay valid until the transfer ends.
    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws(TransportError) {
        try check(cdistrict_curl_setopt_ptr(handle, option, pointer), option)
    }

    /// The list must stay alive until the transfer ends.
    func set(_ option: CURLoption, list: UnsafeMutablePointer<curl_slist>?) throws(TransportError) {
        try check(cdistrict_curl_setopt_slist(handle, option, list), option)
    }

    func setCallbacks(body: curl_write_callback, header: curl_write_callback, context: UnsafeMutableRawPointer) throws(TransportError) {
        try check(cdistrict_curl_setopt_writefn(handle, body), CURLOPT_WRITEFUNCTION)
        try check(cdistrict_curl_setopt_headerfn(handle, header), CURLOPT_HEADERFUNCTION)
        try set(CURLOPT_WRITEDATA, pointer: context)
        try set(CURLOPT_HEADERDATA, pointer: context)
    }

    /// Runs the transfer, blocking the calling thread.
    func perform() -> CURLcode { curl_easy_perform(handle) }

    /// The final response's status code (0 if none arrived).
    func responseCode() -> Int {
        var code = 0
        _ = cdistrict_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    /// The proxy's status answer to a `CONNECT` (0 if no tunnel was asked for).
    func connectCode() -> Int {
        var code = 0
        _ = cdistrict_curl_getinfo_long(handle, CURLINFO_HTTP_CONNECTCODE, &code)
        return code
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(TransportError) {
        guard code == CURLE_OK else { throw .setup(code, "curl_easy_setopt(\(option.rawValue))") }
    }
}
