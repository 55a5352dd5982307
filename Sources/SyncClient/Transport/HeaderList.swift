internal import CDistrictCurl

/// The `curl_slist` of request header lines for one transfer: the caller's fields plus the ones the
/// transport always sends (`Expect:` empty, `Accept-Encoding: gzip`, a default `Content-Type` for bodies).
/// Must be `free()`d after the transfer.
struct HeaderList {
    private(set) var head: UnsafeMutablePointer<curl_slist>?

    init(_ request: HTTPRequest) throws(TransportError) {
        var lines: [String] = []
        var hasContentType = false
        for (name, value) in request.headers {
            switch name.lowercased() {
            case "expect", "accept-encoding": continue  // always ours
            case "content-type": hasContentType = true
            default: break
            }
            // "Name:" would *remove* a header in libcurl; "Name;" sends it with an empty value.
            lines.append(value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        if request.body != nil && !hasContentType { lines.append("Content-Type: application/octet-stream") }
        lines.append("Accept-Encoding: gzip")
        lines.append("Expect:")  // no 100-continue round trip (a ~1 s stall on bodies > 1 MiB)
        for line in lines {
            guard let next = curl_slist_append(head, line) else {
                curl_slist_free_all(head)
                throw TransportError(kind: .other, message: "网络组件出错，请重试", cause: "curl_slist_append: out of memory")
            }
            head = next
        }
    }

    func free() { curl_slist_free_all(head) }
}
