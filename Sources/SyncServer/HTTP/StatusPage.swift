import Domain

/// The status page (`GET /status`): a server-rendered HTML table of the offices, in Chinese, no
/// JavaScript. Every text that comes from data is escaped with ``StatusPage/escape(_:)``.
///
/// It shows unit codes and names and counts only — no ledger content, no personal data, no tokens.
/// The links to the city-wide reports follow the documented scheme `/reports/{R1…R6}?period=…`
/// (`YYYY-MM`), served by `dsync serve` through its `ReportProvider`.
struct StatusPage {
    var snapshot: OperationsSnapshot
    var schemaVersion: Int
    /// Unix milliseconds at which the page is rendered.
    var now: Int64

    /// The reports linked from the page: id and title.
    static let reports: [(id: String, title: String)] = [
        ("R1", "重点项目建设进展情况表（月报）"),
        ("R2", "产业项目\u{201C}四库\u{201D}汇总表"),
        ("R3", "招商引资签约项目台账"),
        ("R4", "招商线索及对接情况台账"),
        ("R5", "年度目标任务完成情况（季度通报）"),
        ("R6", "重点项目\u{201C}红黄蓝绿\u{201D}督查清单"),
    ]

    /// The URL of report `id` for the month (or, for R5, the quarter) containing `millis`.
    static func reportURL(_ id: String, at millis: Int64) -> String {
        let t = ChinaTime(millis: millis)
        let period = "\(t.year)-\(ChinaTime.two(t.month))"
        return "/reports/\(id)?period=\(period)"
    }

    func html() -> String {
        let s = snapshot
        var h = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>DistrictSync 同步状态</title>
            <style>
            body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 1.5em; color: #222; }
            table { border-collapse: collapse; margin: 1em 0; }
            th, td { border: 1px solid #bbb; padding: .3em .6em; }
            th { background: #eef2f7; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            tr.warn td { background: #fff5e0; }
            dl.totals { display: grid; grid-template-columns: max-content max-content; gap: .2em 1em; }
            </style>
            </head>
            <body>
            <h1>DistrictSync 同步状态</h1>
            <p>更新时间：\(Self.escape(ChinaTime(millis: now).text))（北京时间）　数据结构版本：第 \(schemaVersion) 版</p>
            <h2>合计</h2>
            <dl class="totals" id="totals">
            <dt>单位数</dt><dd id="total-offices">\(s.offices.count)</dd>
            <dt>已合并修改</dt><dd id="total-merged">\(s.feedPosition)</dd>
            <dt>被拒绝修改</dt><dd id="total-rejected">\(s.rejectedChanges)</dd>
            <dt>待处理冲突</dt><dd id="total-conflicts">\(s.openConflicts)</dd>
            </dl>
            <h2>各单位</h2>

            """
        if s.offices.isEmpty {
            h += "<p id=\"no-offices\">还没有单位同步过。</p>\n"
        } else {
            h += """
                <table id="offices">
                <thead><tr><th>单位代码</th><th>单位名称</th><th>所属区县</th><th>最近上报</th><th>最近取回</th><th>副本数</th><th>已合并修改</th><th>被拒绝修改</th><th>待处理冲突</th></tr></thead>
                <tbody>

                """
            for o in s.offices {
                let warn = o.rejectedChanges > 0 || o.openConflicts > 0
                let district = o.district.map { o.districtName.isEmpty ? $0 : "\(o.districtName)（\($0)）" } ?? "全市"
                h += "<tr data-office=\"\(Self.escape(o.office))\"\(warn ? " class=\"warn\"" : "")>"
                h += "<td>\(Self.escape(o.office))</td><td>\(Self.escape(o.name.isEmpty ? "（名录中没有）" : o.name))</td>"
                h += "<td>\(Self.escape(district))</td>"
                h += "<td>\(Self.escape(Self.time(o.lastPushAt)))</td><td>\(Self.escape(Self.time(o.lastPullAt)))</td>"
                h += "<td class=\"n\">\(o.replicas)</td><td class=\"n merged\">\(o.mergedChanges)</td>"
                h += "<td class=\"n rejected\">\(o.rejectedChanges)</td><td class=\"n conflicts\">\(o.openConflicts)</td></tr>\n"
            }
            h += "</tbody>\n</table>\n"
        }
        h += "<h2>全市报表</h2>\n<ul id=\"reports\">\n"
        for r in Self.reports {
            h += "<li><a href=\"\(Self.escape(Self.reportURL(r.id, at: now)))\">\(Self.escape(r.id)) \(Self.escape(r.title))</a></li>\n"
        }
        h += """
            </ul>
            <p>机器可读：<a href="/v1/status">/v1/status</a>（JSON）、<a href="/metrics">/metrics</a>（Prometheus）。</p>
            </body>
            </html>

            """
        return h
    }

    private static func time(_ millis: Int64?) -> String {
        guard let millis, millis > 0 else { return "从未" }
        return ChinaTime(millis: millis).text
    }

    /// `&`, `<`, `>`, `"` and `'` as character references: safe in element content and quoted attributes.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
