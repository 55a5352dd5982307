import Domain
@testable import SyncServer
import Testing

/// The status page's HTML, rendered without a server: escaping, times in Beijing time, report links.
@Suite("Status page rendering")
struct StatusPageTests {
    func office(_ code: String, name: String, pushed: Int64? = nil) -> OfficeActivity {
        OfficeActivity(office: code, name: name, district: "410103", districtName: "二七区", lastPushAt: pushed, lastPullAt: nil,
                       replicas: 1, mergedChanges: 12, rejectedChanges: 3, openConflicts: 0)
    }

    @Test("text from data is escaped in content and attributes")
    func escaping() {
        let evil = #"<script>alert("x")</script> & 'q'"#
        let page = StatusPage(
            snapshot: OperationsSnapshot(offices: [office(#"41"><img src=x>"#, name: evil)], feedPosition: 12, openConflicts: 0),
            schemaVersion: 1, now: 0
        ).html()
        #expect(!page.contains("<script>"))
        #expect(!page.contains("<img"))
        #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"))
        #expect(page.contains(#"data-office="41&quot;&gt;&lt;img src=x&gt;""#))
    }

    @Test("times are Beijing time; a never-synced office says so")
    func times() {
        // 2026-11-23 13:57:00 UTC = 21:57 in Beijing.
        let page = StatusPage(
            snapshot: OperationsSnapshot(offices: [office("410103001", name: "淮河路街道办事处", pushed: 1_795_442_220_000)], feedPosition: 0, openConflicts: 0),
            schemaVersion: 1, now: 1_795_442_220_000
        ).html()
        #expect(page.contains("<td>2026-11-23 21:57</td><td>从未</td>"))
        #expect(ChinaTime(millis: 0).text == "1970-01-01 08:00")
        #expect(ChinaTime(millis: 951_782_400_000).text == "2000-02-29 08:00")  // leap day
    }

    @Test("report links follow /reports/{id}?period=YYYY-MM")
    func reportLinks() {
        let nov = Int64(1_795_442_220_000)
        #expect(StatusPage.reportURL("R1", at: nov) == "/reports/R1?period=2026-11")
        #expect(StatusPage.reportURL("R5", at: nov) == "/reports/R5?period=2026-11")
        // 2026-12-31 17:00 UTC is already 2027-01-01 in Beijing.
        #expect(StatusPage.reportURL("R2", at: 1_798_736_400_000) == "/reports/R2?period=2027-01")
    }

    @Test("Prometheus label values are escaped; integers print without a fraction")
    func prometheusText() {
        var t = PrometheusText()
        t.sample("m", ["office": "a\"b\\c\nd"], 3)
        t.sample("h", 0.25)
        #expect(t.text == "m{office=\"a\\\"b\\\\c\\nd\"} 3\nh 0.25\n")
    }
}
