import DistrictTestSupport
import Domain
import Foundation
import MergeStore
import Replica
import SQLiteDB
import Testing
@testable import Import

@Suite("Realistic fixtures (Tools/make-fixtures): UTF-8 and GB18030 CSV, xlsx with merged two-row headers, 万元 and 亿元")
struct FixtureImportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/import").path

    func importFile(_ r: Replica, _ name: String) throws -> ImportReport {
        let path = Self.fixtures + "/" + name
        let source = try TableRowSource(path: path)
        let report = try ImportSession(replica: r, source: source, fileName: name, sha256: try FileDigest.sha256(path: path), options: ImportOptions()).run()
        #expect(report.problems.errorCount == 0, "\(report.problems.errors.map(\.description))")
        return report
    }

    @Test("every table imports with exact counts and values; the 亿元 GB18030 file matches the 万元 UTF-8 one",
          arguments: ["project.utf8.csv", "project.yi.gb18030.csv", "project.wan.xlsx", "project.yi.xlsx"])
    func allTables(projectFile: String) throws {
        let dir = TemporaryDirectory()
        let r = try Replica.create(at: dir.file("r.dsync"), office: "410103001")
        let projects = try importFile(r, projectFile)
        #expect(projects.table?.name == "project" && projects.counts.inserted == 4)
        let invest = try r.query("SELECT total_invest FROM project ORDER BY project_no").map { $0[0].integer ?? -1 }
        #expect(invest == [36_980_000_000, 19_440_000_000, 4_390_000_000, 1_010_000_000])
        #expect(invest.reduce(0, +) == 61_820_000_000)  // F1: 618.2 亿元, exactly
        #expect(try r.query("SELECT actual_start FROM project ORDER BY project_no").map { $0[0] }
                == [.text("2023-06-30"), .text("2023-07-01"), .text("2023-08-15"), .text("2023-09-01")])
        #expect(try r.query("SELECT DISTINCT lead_unit_id FROM project").map { $0[0] } == [.text(ReferenceIDs.id("410103001"))])
        #expect(try r.query("SELECT investor_uscc FROM project WHERE project_no = '410103001-2023-0001'")[0][0] == .text("91410103MA9G5XK10C"))

        let progress = try importFile(r, "project_progress.gb18030.csv")
        #expect(progress.table?.name == "project_progress" && progress.counts.inserted == 3)
        let p = try r.query("""
            SELECT pr.period, pr.month_invest, pr.ytd_invest, pr.cum_invest FROM project_progress pr JOIN project p ON p.id = pr.project_id
            WHERE p.project_no = '410103001-2023-0004' ORDER BY pr.period
            """)
        #expect(p.map { $0.map(\.description) } == [["2024-10", "12500000", "86005000", "520000000"], ["2024-11", "9802500", "95807500", "529802500"]])

        let signing = try importFile(r, "signing.utf8.csv")
        #expect(signing.counts.inserted == 2)
        #expect(try r.query("SELECT signed_amount, total_invest, sign_date, is_leading FROM signing ORDER BY signing_no").map { $0.map(\.description) }
                == [["4390000000", "4390000000", "2023-03-18", "0"], ["1010000000", "1010000000", "2023-05-20", "1"]])

        let leads = try importFile(r, "lead.gb18030.csv")
        #expect(leads.counts.inserted == 3)
        #expect(try r.query("SELECT intended_invest, status FROM lead ORDER BY lead_no").map { $0.map(\.description) }
                == [["500000000", "在谈"], ["1250000000", "初步接洽"], ["320000000", "拟签约"]])

        let enterprises = try importFile(r, "enterprise.utf8.csv")
        #expect(enterprises.counts.inserted == 3)
        #expect(try r.query("SELECT uscc, registered_capital, established_on FROM enterprise ORDER BY uscc").map { $0.map(\.description) }
                == [["913502000728319549", "3000000", "2013-07-09"], ["91350200776049653A", "12005000", "2008-06-01"],
                    ["91410103MA9G5XK10C", "50000000", "2019-04-12"]])
    }

    @Test("the UTF-8 and GB18030 copies of a table read identically")
    func encodingsAgree() throws {
        for table in ["lead", "signing", "enterprise", "project_progress"] {
            let utf8 = try TableRowSource(path: Self.fixtures + "/\(table).utf8.csv")
            let gb = try TableRowSource(path: Self.fixtures + "/\(table).gb18030.csv")
            #expect(gb.table.file.encoding == .gb18030 && utf8.table.file.encoding == .utf8)
            #expect(utf8.columns == gb.columns)
            while let a = try utf8.next() { #expect(try gb.next() == a) }
            #expect(try gb.next() == nil)
        }
    }
}
