internal import CDistrictCurl

/// libcurl's process-wide initialisation, done exactly once and thread-safely (a `static let` is
/// initialised under `swift_once`). Never cleaned up: libcurl state lives as long as the process.
enum CurlGlobal {
    private static let result: UInt32 = curl_global_init(Int(CURL_GLOBAL_DEFAULT)).rawValue

    /// Initialises libcurl on first use; throws if that failed.
    static func ensureInitialised() throws(TransportError) {
        let code = result
        guard code == CURLE_OK.rawValue else { throw .setup(CURLcode(rawValue: code), "curl_global_init") }
    }
}
