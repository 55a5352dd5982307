import DistrictTestSupport
import Domain
import Foundation
import Replica
import SQLiteDB
import Spreadsheet
import Testing
@testable import Import

/// The bulk path of an import into an empty table: indexes built once at the end, rows written 32 to a
/// statement with explicit `_rid`s, plain cells stored without the general coercer.
@Suite("Bulk import path: deferred indexes, multi-row statements, plain-cell fast path")
struct BulkImportPathTests {
    let header = ["项目编号", "项目名称", "四库库别", "总投资（万元）", "统一社会信用代码"]
    /// A valid code, check characters computed (GB 32100, GB 11714).
    let code = CreditCode.completing("91410100MA40A0XN")!.rawValue

    func rows(_ n: Int) -> [[String]] {
        (1...n).map { i in
            ["410103001-2024-\(String(format: "%04d", i))", "项目\(i)", "谋划库", "\(i).5", i % 2 == 0 ? code : ""]
        }
    }

    func run(_ r: Replica, _ rows: [[String]], options: ImportOptions = ImportOptions()) throws -> ImportReport {
        let source = ArrayRowSource(sheetName: "项目", header: header, texts: rows)
        return try ImportSession(replica: r, source: source, fileName: "项目.csv", sha256: "abc", options: options).run()
    }

    func indexes(_ r: Replica) throws -> [[SQLValue]] {
        try r.query("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'project' ORDER BY name")
    }

    @Test("an import into an empty table leaves its indexes as they were, and re-importing finds every row by key")
    func indexesRebuilt() throws {
        let dir = TemporaryDirectory()
        let r = try Replica.create(at: dir.file("r.dsync"), office: "410103001")
        let before = try indexes(r)
        #expect(before.count >= 2)
        let cache = try r.query("PRAGMA cache_size")
        let first = try run(r, rows(75))
        #expect(try r.query("PRAGMA cache_size") == cache)
        #expect(first.committed && first.counts.inserted == 75)
        #expect(try indexes(r) == before)
        #expect(try r.query("PRAGMA integrity_check")[0][0] == .text("ok"))
        let plan = try r.query("EXPLAIN QUERY PLAN SELECT _rid FROM project WHERE project_no IS '410103001-2024-0007'").map { $0[3].text ?? "" }
        #expect(plan.contains { $0.contains("INDEX project__project_no") }, "\(plan)")
        let again = try run(r, rows(75))
        #expect(again.counts.unchanged == 75 && again.counts.inserted == 0)
    }

    @Test("a rolled-back import into an empty table keeps its indexes")
    func rollbackKeepsIndexes() throws {
        let dir = TemporaryDirectory()
        let r = try Replica.create(at: dir.file("r.dsync"), office: "410103001")
        let before = try indexes(r)
        let cache = try r.query("PRAGMA cache_size")
        var bad = rows(40)
        bad[38][3] = "约5亿元"
        let report = try run(r, bad)
        #expect(!report.committed)
        #expect(try indexes(r) == before)
        let dry = try run(r, rows(40), options: ImportOptions(dryRun: true))
        #expect(!dry.committed && dry.counts.inserted == 40)
        #expect(try indexes(r) == before)
        #expect(try r.query("SELECT count(*) FROM project")[0][0] == .integer(0))
        #expect(try r.query("PRAGMA cache_size") == cache, "the bulk load's smaller page cache is given back after a rollback")
    }

    @Test("rows written 32 to a statement keep file order, values, one log range and their source rows")
    func batchedRows() throws {
        let dir = TemporaryDirectory()
        let r = try Replica.create(at: dir.file("r.dsync"), office: "410103001")
        let report = try run(r, rows(75))
        #expect(report.counts.inserted == 75)
        let stored = try r.query("SELECT _rid, project_no, name, total_invest, investor_uscc FROM project ORDER BY _rid")
        #expect(stored.count == 75)
        for (k, row) in stored.enumerated() {
            let i = k + 1
            #expect(row[1] == .text("410103001-2024-\(String(format: "%04d", i))"))
            #expect(row[2] == .text("项目\(i)"))
            #expect(row[3] == .integer(Int64(i) * 10_000 + 5_000))
            #expect(row[4] == (i % 2 == 0 ? .text(code) : .null))
        }
        let rids = stored.compactMap { $0[0].integer }
        #expect(rids == Array(rids[0]...(rids[0] + 74)))
        #expect(try r.query("SELECT rid_from, rid_to FROM _ds_log WHERE tbl = 'project'") == [[.integer(rids[0]), .integer(rids[74])]])
        for i in [1, 32, 33, 64, 65, 75] {
            let id = try #require(stored[i - 1][0].integer.flatMap { rid in try? r.query("SELECT id FROM project WHERE _rid = ?", [.integer(rid)])[0][0].text })
            let origin = try #require(try r.valueOrigins(table: "project", rowID: id).first { $0.unit == "name" })
            guard case .imported(let record, let row) = origin.source else { Issue.record("\(origin.source)"); continue }
            #expect(record.fileName == "项目.csv" && row == i + 1)
        }
        let ids = try r.query("SELECT id FROM project ORDER BY _rid").compactMap { $0[0].text }
        #expect(ids == ids.sorted(), "one import's ids ascend, so they append to the id index")
    }

    @Test("explicit _rids are what AUTOINCREMENT gives: sqlite_sequence follows, deleted rows' _rids are never reused")
    func ridsNeverReused() throws {
        let dir = TemporaryDirectory()
        let r = try Replica.create(at: dir.file("r.dsync"), office: "410103001")
        _ = try run(r, rows(40))
        let last = try #require(try r.query("SELECT max(_rid) FROM project")[0][0].integer)
        #expect(try r.query("SELECT seq FROM sqlite_sequence WHERE name = 'project'")[0][0] == .integer(last))
        let doomed = try r.query("SELECT id FROM project WHERE _rid > ?", [.integer(last - 5)]).compactMap { $0[0].text }
        try r.write { w in for id in doomed { try w.delete("project", id: id) } }
        let more = (41...45).map { i in ["410103001-2024-\(String(format: "%04d", i))", "项目\(i)", "谋划库", "1", ""] }
        let report = try run(r, more)
        #expect(report.committed && report.counts.inserted == 5)
        let rids = try r.query("SELECT _rid FROM project WHERE project_no > '410103001-2024-0040' ORDER BY _rid").compactMap { $0[0].integer }
        #expect(rids == Array((last + 1)...(last + 5)))
    }

    @Test("a key repeated while earlier rows are still held names both rows")
    func repeatInHeldBatch() throws {
        let dir = TemporaryDirectory()
        let r = try Replica.create(at: dir.file("r.dsync"), office: "410103001")
        var input = rows(40)
        input.append(input[35])
        let report = try run(r, input)
        #expect(!report.committed)
        #expect(report.problems.errors.map(\.reason) == ["项目编号“410103001-2024-0036”与第 37 行重复；同一文件中每条记录只能出现一次"])
        let skipped = try run(r, input, options: ImportOptions(skipInvalid: true))
        #expect(skipped.committed && skipped.counts.inserted == 40 && skipped.counts.rejected == 1)
        #expect(try r.query("SELECT count(*) FROM project")[0][0] == .integer(40))
    }

    @Test("plain cells take the fast path with the general coercer's values; others fall back to it")
    func plainCells() throws {
        let project = try #require(Catalog.standard.table("project"))
        func binding(_ field: String, _ label: String) throws -> ColumnBinding {
            let mapping = CatalogMatcher.map([ImportColumn(index: 0, label: label)], to: project)
            let b = try #require(mapping.bindings.first)
            #expect(b.field.name == field)
            return b
        }
        let name = try binding("name", "项目名称"), no = try binding("project_no", "项目编号"), invest = try binding("total_invest", "总投资（万元）")
        let uscc = try #require(Catalog.standard.tables.lazy.flatMap { t in t.fields.map { (t, $0) } }.first { FieldCoercer.isCreditCode($0.1) })
        let usccBinding = try #require(CatalogMatcher.map([ImportColumn(index: 0, label: uscc.1.label)], to: uscc.0).bindings.first)
        let coercer = FieldCoercer(resolver: NoReferences())
        let cases: [(ColumnBinding, String)] = [
            (name, "二七区全民健身中心"), (name, " 前导空格"), (name, "尾随全角空格\u{3000}"), (name, "进"), (name, "\u{A0}"), (name, "。"),
            (no, "410103001-2024-0001"), (no, "４１０１"), (no, "A B"), (no, " 12"),
            (invest, "1.5"), (invest, "43,900"), (invest, "5.2亿"), (invest, "0.00001"), (invest, ""),
            (usccBinding, code), (usccBinding, String(code.dropLast()) + (code.hasSuffix("0") ? "1" : "0")), (usccBinding, code.lowercased()),
        ]
        var fast = 0
        for (b, text) in cases {
            let cell: SheetCell = text.isEmpty ? .empty : .text(text)
            var notes: [CellIssue] = []
            let general: SQLValue? = try? coercer.value(cell, b, notes: &notes)
            if let plain = PlainCellCoercion(b).value(cell) {
                fast += 1
                #expect(plain == general, "\(b.field.name) \(text)")
                #expect(notes.isEmpty)
            }
        }
        #expect(fast == 8)
    }
}
