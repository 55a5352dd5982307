import Hummingbird
import SyncModel

/// Who may read the operators' pages (`/status`, `/metrics`).
///
/// They show unit codes, names and counts — no ledger content, no personal data — but they do show
/// which offices exist and how active they are, so by default only this machine may read them
/// (an operator uses an SSH tunnel, a Prometheus on the same host scrapes). `public` opens them to
/// every client that can reach the server (e.g. a Prometheus on another host, behind a firewall).
public enum StatusAccess: String, Sendable, CaseIterable {
    case loopback
    case `public`
}

extension SyncFailure {
    static let operatorsLoopbackOnly = SyncFailure(
        status: 403, code: "status.loopback_only",
        message: "状态页和监控指标只对服务器本机开放。请在服务器上访问，或由管理员用 dsync serve --status-access public 启动服务。"
    )
}

extension SyncResponder {
    /// `GET /metrics`: request metrics kept in process, then the store's figures read now.
    func metricsReply() async throws -> JSONReply {
        let snapshot = try await backend.operations()
        var text = PrometheusText()
        text.header("dsync_changes_merged_total", "Changes accepted and merged into the central store.", type: "counter")
        text.sample("dsync_changes_merged_total", snapshot.feedPosition.asDouble)
        text.header("dsync_changes_rejected_total", "Changes the server refused (with a reason sent to the replica).", type: "counter")
        text.sample("dsync_changes_rejected_total", Double(snapshot.rejectedChanges))
        text.header("dsync_conflicts_open", "Unresolved conflicts in the central store.", type: "gauge")
        text.sample("dsync_conflicts_open", Double(snapshot.openConflicts))
        text.header("dsync_office_changes_merged_total", "Changes accepted per office.", type: "counter")
        for o in snapshot.offices { text.sample("dsync_office_changes_merged_total", ["office": o.office], Double(o.mergedChanges)) }
        text.header("dsync_office_changes_rejected_total", "Changes refused per office.", type: "counter")
        for o in snapshot.offices { text.sample("dsync_office_changes_rejected_total", ["office": o.office], Double(o.rejectedChanges)) }
        text.header("dsync_office_conflicts_open", "Unresolved conflicts in which the office's edit lost.", type: "gauge")
        for o in snapshot.offices { text.sample("dsync_office_conflicts_open", ["office": o.office], Double(o.openConflicts)) }
        text.header("dsync_office_last_push_timestamp_seconds", "Unix time of the office's last push (absent if never).", type: "gauge")
        for o in snapshot.offices {
            if let t = o.lastPushAt { text.sample("dsync_office_last_push_timestamp_seconds", ["office": o.office], Double(t) / 1000) }
        }
        text.header("dsync_office_last_pull_timestamp_seconds", "Unix time of the office's last pull (absent if never).", type: "gauge")
        for o in snapshot.offices {
            if let t = o.lastPullAt { text.sample("dsync_office_last_pull_timestamp_seconds", ["office": o.office], Double(t) / 1000) }
        }
        var reply = JSONReply(status: .ok, json: Array((metrics.exposition() + text.text).utf8))
        reply.contentType = "text/plain; version=0.0.4; charset=utf-8"
        return reply
    }

    /// `GET /status`: the HTML status page.
    func statusPageReply(_ request: Request) async throws -> JSONReply {
        let snapshot = try await backend.operations()
        let page = StatusPage(snapshot: snapshot, schemaVersion: backend.schemaVersion, now: WallClock.nowMillis())
        var reply = JSONReply(status: .ok, json: Array(page.html().utf8))
        reply.contentType = "text/html; charset=utf-8"
        reply.extraHeaders[.cacheControl] = "no-store"
        return reply
    }
}

extension Int64 {
    fileprivate var asDouble: Double { Double(self) }
}
