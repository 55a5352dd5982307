import Synchronization

/// The server's in-process request metrics: a counter per (route, method, status) and a duration
/// histogram per route, rendered in the Prometheus text format (version 0.0.4) by ``exposition()``.
///
/// Facts that must survive a restart — changes merged, rejected changes, conflicts, each office's
/// last push and pull — are read from the store at scrape time instead (``OfficeActivity``), so they
/// are exact, never counted twice when a batch is re-sent, and identical on every instance.
/// Written by hand (a few dozen lines) rather than pulling in swift-metrics and swift-prometheus.
final class ServerMetrics: Sendable {
    /// Upper bounds (seconds) of the request duration histogram buckets.
    static let durationBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct RequestKey: Hashable, Comparable {
        var route: String
        var method: String
        var status: Int
        static func < (a: Self, b: Self) -> Bool { (a.route, a.method, a.status) < (b.route, b.method, b.status) }
    }

    private struct Histogram {
        var buckets = [Int](repeating: 0, count: ServerMetrics.durationBuckets.count)
        var count = 0
        var sum = 0.0
    }

    /// What became of a pull page read ahead (`PullReadAhead`) once its request came.
    enum ReadAheadOutcome: String, CaseIterable {
        /// Sent as the answer.
        case served
        /// Not full, and a push was applied after it was read: read again.
        case stale
        /// The read failed: read again (the store's own answer goes out).
        case failed
    }

    private struct State {
        var requests: [RequestKey: Int] = [:]
        var durations: [String: Histogram] = [:]
        var readAhead: [ReadAheadOutcome: Int] = [:]
    }

    private let state = Mutex(State())

    /// Counts one answered request. `route` is a known path or `other` (never the raw path: unbounded labels).
    func record(route: String, method: String, status: Int, seconds: Double) {
        state.withLock { s in
            s.requests[RequestKey(route: route, method: method, status: status), default: 0] += 1
            var h = s.durations[route] ?? Histogram()
            for (i, bound) in Self.durationBuckets.enumerated() where seconds <= bound { h.buckets[i] += 1 }
            h.count += 1
            h.sum += seconds
            s.durations[route] = h
        }
    }

    /// Counts a page read ahead whose request came.
    func recordReadAhead(_ outcome: ReadAheadOutcome) {
        state.withLock { $0.readAhead[outcome, default: 0] += 1 }
    }

    /// The request metrics as Prometheus text.
    func exposition() -> String {
        let s = state.withLock { $0 }
        var out = PrometheusText()
        out.header("dsync_http_requests_total", "HTTP requests answered, by route, method and status.", type: "counter")
        for (key, n) in s.requests.sorted(by: { $0.key < $1.key }) {
            out.sample("dsync_http_requests_total", ["route": key.route, "method": key.method, "status": String(key.status)], Double(n))
        }
        out.header("dsync_http_request_duration_seconds", "Time to answer a request, by route.", type: "histogram")
        for (route, h) in s.durations.sorted(by: { $0.key < $1.key }) {
            for (i, bound) in Self.durationBuckets.enumerated() {
                out.sample("dsync_http_request_duration_seconds_bucket", ["route": route, "le": PrometheusText.format(bound)], Double(h.buckets[i]))
            }
            out.sample("dsync_http_request_duration_seconds_bucket", ["route": route, "le": "+Inf"], Double(h.count))
            out.sample("dsync_http_request_duration_seconds_sum", ["route": route], h.sum)
            out.sample("dsync_http_request_duration_seconds_count", ["route": route], Double(h.count))
        }
        out.header("dsync_pull_read_ahead_total", "Pull pages read ahead whose request came, by outcome (served, stale, failed).", type: "counter")
        for outcome in ReadAheadOutcome.allCases {
            out.sample("dsync_pull_read_ahead_total", ["outcome": outcome.rawValue], Double(s.readAhead[outcome, default: 0]))
        }
        return out.text
    }
}

/// A Prometheus text-format (0.0.4) writer with label-value escaping.
struct PrometheusText {
    private(set) var text = ""

    mutating func header(_ name: String, _ help: String, type: String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }

    /// One sample line without labels.
    mutating func sample(_ name: String, _ value: Double) { sample(name, [:], value) }

    /// One sample line; labels are written in key order.
    mutating func sample(_ name: String, _ labels: [String: String], _ value: Double) {
        text += name
        if !labels.isEmpty {
            text += "{" + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\(Self.escape($0.value))\"" }.joined(separator: ",") + "}"
        }
        text += " \(Self.format(value))\n"
    }

    /// `\`, `"` and newlines escaped, as the format requires inside label values.
    static func escape(_ value: String) -> String {
        var out = ""
        for c in value {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }

    /// Integers without a fraction (`3`, not `3.0`); others as Swift prints them.
    static func format(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
