import DistrictTestSupport
import Foundation
import SyncClient
import Testing

/// `/metrics` and the status page of a real `dsync serve`, after real syncs by `dsync sync`; the page is
/// rendered by a real headless Chromium (Debian's `chromium`, installed by Tools/setup).
@Suite("Operations: metrics and status page", .serialized)
struct OperationsHTTPTests {
    let dsync = ProcessRunner.product("dsync")

    /// A server with two offices of 二七区 that have synced: 淮河路 (two computers, one conflict) and
    /// 铭功路 (one edit refused: it belongs to 淮河路).
    final class Scenario {
        let dir: TemporaryDirectory
        let server: ServerProcess
        let huaihe: String, huaiheLaptop: String, minggong: String
        let dsync = ProcessRunner.product("dsync")

        init() throws {
            let dir = TemporaryDirectory("ops"), dsync = ProcessRunner.product("dsync")
            let store = dir.file("central.db")
            func token(_ office: String) throws -> String {
                let r = try ProcessRunner.run(dsync, ["token", "create", "--office", office, "--store", store])
                try #require(r.status == 0, "\(r.stderr)")
                return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let th = try token("410103001"), tm = try token("410103003")
            let server = try ServerProcess(store: store)
            let (huaihe, huaiheLaptop, minggong) = (dir.file("huaihe.dsync"), dir.file("huaihe-laptop.dsync"), dir.file("minggong.dsync"))
            for (path, office, t) in [(huaihe, "410103001", th), (huaiheLaptop, "410103001", th), (minggong, "410103003", tm)] {
                let r = try ProcessRunner.run(dsync, ["init", "--office", office, "--replica", path, "--server", server.url, "--token", t])
                try #require(r.status == 0, "\(r.stderr)")
            }
            (self.dir, self.server, self.huaihe, self.huaiheLaptop, self.minggong) = (dir, server, huaihe, huaiheLaptop, minggong)
            try ProcessRunner.sqlite3(huaihe, """
                INSERT INTO project (project_no, name, total_invest) VALUES ('410103001-2024-0001', '兰盾电子产业园', 1500000000),
                  ('410103001-2024-0002', '全民健身运动中心', 520000000), ('410103001-2024-0003', '<b>城中村</b>改造 & "安置"', 1);
                """)
            try ProcessRunner.sqlite3(minggong, "INSERT INTO lead (lead_no, title) VALUES ('410103003-2024-0001', '比亚迪体验中心'), ('410103003-2024-0002', '数据中心');")
            for r in [huaihe, minggong, huaiheLaptop] { try sync(r) }
            try ProcessRunner.sqlite3(huaihe, "UPDATE project SET total_invest = 1600000000 WHERE project_no = '410103001-2024-0001';")
            try ProcessRunner.sqlite3(huaiheLaptop, "UPDATE project SET total_invest = 1800000000 WHERE project_no = '410103001-2024-0001';")
            try ProcessRunner.sqlite3(minggong, "UPDATE project SET name = '改别人的' WHERE project_no = '410103001-2024-0002';")
            for r in [huaihe, huaiheLaptop, minggong, huaihe] { try sync(r) }
        }

        func sync(_ replica: String) throws {
            let r = try ProcessRunner.run(dsync, ["sync", "--replica", replica])
            try #require(r.status == 0, "\(r.stderr)")
        }

        func scalar(_ sql: String) throws -> Int {
            Int(try ProcessRunner.sqlite3(server.store, sql).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        }
    }

    /// GET `path` on the server; the body as text.
    func get(_ server: ServerProcess, _ path: String) throws -> (status: Int, type: String, body: String) {
        let transport = CurlTransport(options: CurlTransport.Options(proxy: .direct, totalTimeout: .seconds(30)))
        let r = try transport.send(HTTPRequest(url: server.url + path))
        return (r.status, r.headers["content-type"] ?? "", String(decoding: r.body, as: UTF8.self))
    }

    /// `name{labels} value` lines → value by the series text (labels as written, sorted by key).
    func scrape(_ server: ServerProcess) throws -> [String: Double] {
        let page = try get(server, "/metrics")
        #expect(page.status == 200)
        #expect(page.type.hasPrefix("text/plain; version=0.0.4"))
        var out: [String: Double] = [:]
        for line in page.body.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            out[String(line[..<space])] = value
        }
        return out
    }

    @Test("metrics count requests, merged and refused changes, conflicts and last sync exactly")
    func metricsMoveExactly() throws {
        let s = try Scenario()
        let before = try scrape(s.server)
        let merged = try s.scalar("SELECT count(*) FROM feed;")
        #expect(merged == 3 + 2 + 2)  // 3 projects, 2 leads, the two 总投资 edits; the refused rename is not merged
        #expect(before["dsync_changes_merged_total"] == Double(merged))
        #expect(before[#"dsync_office_changes_merged_total{office="410103001"}"#] == 5)
        #expect(before[#"dsync_office_changes_merged_total{office="410103003"}"#] == 2)
        #expect(before[#"dsync_office_changes_rejected_total{office="410103003"}"#] == 1)
        #expect(before[#"dsync_office_changes_rejected_total{office="410103001"}"#] == 0)
        #expect(before["dsync_changes_rejected_total"] == 1)
        #expect(before[#"dsync_office_conflicts_open{office="410103001"}"#] == 1)
        #expect(before["dsync_conflicts_open"] == Double(try s.scalar("SELECT count(*) FROM _ds_conflict WHERE resolved_hlc IS NULL;")))
        let pushes = before[#"dsync_http_requests_total{method="POST",route="/v1/push",status="200"}"#] ?? -1
        #expect(pushes == Double(try s.scalar("SELECT count(*) FROM push_answers;")))
        #expect(before[#"dsync_http_request_duration_seconds_count{route="/v1/push"}"#] == pushes)
        #expect(before[#"dsync_http_request_duration_seconds_bucket{le="+Inf",route="/v1/push"}"#] == pushes)

        // One more sync of 铭功路 with 4 new leads: one push, one pull page, 4 merged, last push moves.
        let startedAt = Date().timeIntervalSince1970
        try ProcessRunner.sqlite3(s.minggong, """
            WITH RECURSIVE n(i) AS (SELECT 3 UNION ALL SELECT i + 1 FROM n WHERE i < 6)
            INSERT INTO lead (lead_no, title) SELECT '410103003-2024-000' || i, '线索' || i FROM n;
            """)
        try s.sync(s.minggong)
        let after = try scrape(s.server)
        func delta(_ series: String) -> Double { (after[series] ?? 0) - (before[series] ?? 0) }
        #expect(delta(#"dsync_http_requests_total{method="POST",route="/v1/push",status="200"}"#) == 1)
        #expect(delta(#"dsync_http_requests_total{method="GET",route="/v1/pull",status="200"}"#) == 1)
        #expect(delta(#"dsync_http_requests_total{method="GET",route="/metrics",status="200"}"#) == 1)  // the first scrape
        #expect(delta("dsync_changes_merged_total") == 4)
        #expect(delta(#"dsync_office_changes_merged_total{office="410103003"}"#) == 4)
        #expect(delta(#"dsync_office_changes_merged_total{office="410103001"}"#) == 0)
        #expect(delta("dsync_changes_rejected_total") == 0)
        let lastPush = try #require(after[#"dsync_office_last_push_timestamp_seconds{office="410103003"}"#])
        #expect(lastPush >= startedAt.rounded(.down) - 1)
        #expect(lastPush > (before[#"dsync_office_last_push_timestamp_seconds{office="410103003"}"#] ?? .infinity) || lastPush >= startedAt - 1)
    }

    @Test("the status page, rendered by headless Chromium, lists the offices with their counts, escaped, and links the reports")
    func statusPageInChromium() throws {
        let chromium = try #require(
            ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) },
            "chromium 未安装：请先运行 Tools/setup（它会用 apt 安装 Debian 的 chromium 软件包）")
        let s = try Scenario()
        let profile = TemporaryDirectory("chromium-profile")
        let r = try ProcessRunner.run(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=\(profile.path)", "--dump-dom", s.server.url + "/status",
        ], environment: ["HOME": profile.path])
        try #require(r.status == 0, "chromium failed: \(r.stderr.suffix(2000))")
        let dom = r.stdout
        #expect(dom.contains("<title>DistrictSync 同步状态</title>"))

        func row(_ office: String) -> String? {
            guard let start = dom.range(of: "<tr data-office=\"\(office)\""), let end = dom[start.upperBound...].range(of: "</tr>") else { return nil }
            return String(dom[start.lowerBound..<end.upperBound])
        }
        func cell(_ row: String, _ cls: String) -> Int? {
            guard let r = row.range(of: #"<td class="n \#(cls)">(\d+)</td>"#, options: .regularExpression) else { return nil }
            return Int(row[r].split(separator: ">")[1].split(separator: "<")[0])
        }
        let huaihe = try #require(row("410103001"), "no row for 410103001 in: \(dom.prefix(3000))")
        #expect(huaihe.contains("淮河路街道办事处"))
        #expect(huaihe.contains("二七区"))
        #expect(cell(huaihe, "merged") == 5)
        #expect(cell(huaihe, "rejected") == 0)
        #expect(cell(huaihe, "conflicts") == 1)
        let minggong = try #require(row("410103003"))
        #expect(minggong.contains("铭功路街道办事处"))
        #expect(cell(minggong, "merged") == 2)
        #expect(cell(minggong, "rejected") == 1)
        #expect(cell(minggong, "conflicts") == 0)
        #expect(dom.contains(#"<dd id="total-offices">2</dd>"#))
        #expect(dom.contains(#"<dd id="total-merged">7</dd>"#))
        #expect(dom.contains(#"<dd id="total-rejected">1</dd>"#))
        // Only names and counts: no ledger content reaches the page.
        #expect(!dom.contains("兰盾") && !dom.contains("城中村"))
        #expect(dom.contains(#"href="/reports/R1?period="#) && dom.contains(#"href="/reports/R5?period="#))
        // Served as HTML that is never cached; the JSON status is untouched.
        let page = try get(s.server, "/status")
        #expect(page.status == 200 && page.type == "text/html; charset=utf-8")
        let json = try get(s.server, "/v1/status")
        #expect(json.status == 200 && json.body.contains("\"office\":\"410103001\""))
    }

    @Test("the status page's report links download the city-wide reports as xlsx, built from the store; bad links get clear errors")
    func reportLinksServeXlsx() throws {
        let s = try Scenario()
        let page = try get(s.server, "/status").body
        let link = try #require(page.range(of: #"/reports/R2\?period=\d{4}-\d{2}"#, options: .regularExpression).map { String(page[$0]) })
        let transport = CurlTransport(options: CurlTransport.Options(proxy: .direct, totalTimeout: .seconds(60)))
        let r = try transport.send(HTTPRequest(url: s.server.url + link))
        #expect(r.status == 200)
        #expect(r.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        #expect(r.headers["content-disposition"]?.contains("filename*=UTF-8''R2-") == true)
        let file = s.dir.file("r2.xlsx")
        try Data(r.body).write(to: URL(fileURLWithPath: file))
        let read = try ProcessRunner.run("/usr/bin/python3", ["-c", """
            import openpyxl, sys
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb.worksheets[0]
            print(len(wb.worksheets), ws["A1"].value)
            """, file])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stdout.hasPrefix("3 ") && read.stdout.contains("四库"), "\(read.stdout)")

        let unknown = try get(s.server, "/reports/R9?period=2024-05")
        #expect(unknown.status == 404 && unknown.body.contains("没有报表「R9」"))
        let badPeriod = try get(s.server, "/reports/R2?period=2024-13")
        #expect(badPeriod.status == 400 && badPeriod.body.contains("YYYY-MM"))
        let noPeriod = try get(s.server, "/reports/R2")
        #expect(noPeriod.status == 400 && noPeriod.body.contains("period"))
    }
}
