internal import CDistrictCurl

/// Collects one response's header fields and body from libcurl's write callbacks, refusing to grow
/// past its limits (the callback then returns 0, which makes libcurl abort with `CURLE_WRITE_ERROR`).
///
/// Used by exactly one `curl_easy_perform` on one thread; reached from C through an unretained
/// `Unmanaged` pointer that the caller keeps alive for the duration of the transfer.
final class ResponseSink {
    /// Most header bytes accepted per response (all fields together).
    static let headerLimit = 256 << 10

    let bodyLimit: Int
    private(set) var body: [UInt8] = []
    /// The final response's fields, lower-cased names, repeats joined with `", "`.
    private(set) var headers: [String: String] = [:]
    /// Set when the body or the headers passed their limit.
    private(set) var overflowed = false
    private var headerBytes = 0
    /// When the first and the latest body bytes arrived, and how many came in the first piece.
    private var firstBodyAt: ContinuousClock.Instant?, lastBodyAt: ContinuousClock.Instant?
    private var firstPieceBytes = 0

    init(bodyLimit: Int) { self.bodyLimit = bodyLimit }

    /// `CURLOPT_WRITEFUNCTION`: appends body bytes.
    static let bodyCallback: curl_write_callback = { data, size, count, context in
        guard let context else { return 0 }
        let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
        let n = size * count
        return sink.receiveBody(UnsafeRawBufferPointer(start: data, count: n)) ? n : 0
    }

    /// `CURLOPT_HEADERFUNCTION`: libcurl passes one whole header line per call.
    static let headerCallback: curl_write_callback = { data, size, count, context in
        guard let context else { return 0 }
        let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
        let n = size * count
        return sink.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: n)) ? n : 0
    }

    private func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= bodyLimit else {
            overflowed = true
            return false
        }
        body.append(contentsOf: bytes)
        let now = ContinuousClock.now
        if firstBodyAt == nil {
            firstBodyAt = now
            firstPieceBytes = bytes.count
        }
        lastBodyAt = now
        return true
    }

    /// How fast the body arrived (bytes per second): the bytes after the first piece over the time from the
    /// first piece to the last; nil when it came in one piece. Measured as the bytes were handed over, so
    /// it is the link's speed when the sender had the whole body ready (the sync server does).
    var bodyBytesPerSecond: Double? {
        guard let firstBodyAt, let lastBodyAt, body.count > firstPieceBytes else { return nil }
        let elapsed = lastBodyAt - firstBodyAt
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Double(body.count - firstPieceBytes) / max(seconds, 1e-6)
    }

    private func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) -> Bool {
        headerBytes += bytes.count
        guard headerBytes <= Self.headerLimit else {
            overflowed = true
            return false
        }
        let line = String(decoding: bytes, as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            // A new status line: an interim (100), proxy CONNECT or earlier response came before.
            headers = [:]
            return true
        }
        guard let colon = line.firstIndex(of: ":") else { return true }  // the blank line ending a block
        let name = line[..<colon].trimmingWhitespace().lowercased()
        let value = line[line.index(after: colon)...].trimmingWhitespace()
        guard !name.isEmpty else { return true }
        if let existing = headers[name] {
            headers[name] = existing + ", " + value
        } else {
            headers[name] = value
        }
        return true
    }
}

extension Substring {
    /// Without leading and trailing spaces, tabs, CR and LF.
    fileprivate func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
