@testable import CentralStore
import DistrictTestSupport
import Domain
import Foundation
import MergeStore
import SQLiteDB
import SyncModel
import Testing

/// The SQLite store inserts a creation as a new row without looking the row up first, and falls back to
/// the full path when the row exists or was deleted; its state tables skip AUTOINCREMENT. Whatever path a
/// change takes, the outcome must be the one the merge rule gives.
@Suite("Creations of new rows inserted without a lookup")
struct NewRowCreationTests {
    typealias World = CreationRefTests.World

    /// The feed's numbers, oldest first.
    static func feedSeqs(_ w: World) throws -> [Int64] {
        try w.store.query("SELECT seq FROM feed ORDER BY seq").map { $0[0].integer ?? -1 }
    }

    static func names(_ w: World) throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try w.store.query("SELECT id, name FROM project").map { ($0[0].text ?? "", $0[1].text ?? "") })
    }

    @Test("one batch mixing new rows, a creation the store holds (sent again), a deleted row, a refused creation and an edit of a row created just before")
    func mixedBatch() throws {
        var w = try World()
        let held = w.change("project", RowID.generate(), "*", ["project_no": .text("P-HELD"), "name": .text("已有项目")])
        let gone = w.change("project", RowID.generate(), "*", ["project_no": .text("P-GONE"), "name": .text("已删项目")])
        #expect(try w.push([held, gone]).accepted == 2)
        let deletion = w.change("project", gone.rowID, "-", [:], seen: ["*": gone.id])
        #expect(try w.push([deletion]).accepted == 1)
        #expect(try Self.feedSeqs(w) == [1, 2, 3])

        let fresh = w.change("project", RowID.generate(), "*", ["project_no": .text("P-NEW"), "name": .text("新项目")])
        let edit = w.change("project", fresh.rowID, "name", ["name": .text("新项目（更名）")], base: fresh.id)
        let resurrect = w.change("project", gone.rowID, "*", ["project_no": .text("P-GONE"), "name": .text("复活")])
        let noName = w.change("project", RowID.generate(), "*", ["project_no": .text("P-NONAME")])
        let foreign = w.change("project", RowID.generate(), "*", ["project_no": .text("P-FOREIGN"), "name": .text("别人的"),
                                                                   "owner_unit_id": .text(TestUnits.district)])
        let last = w.change("project", RowID.generate(), "*", ["project_no": .text("P-LAST"), "name": .text("最后一个")])
        let answer = try w.push([fresh, edit, held, resurrect, noName, foreign, last])

        #expect(answer.rejected.map(\.index) == [4, 5])
        #expect(answer.rejected.map(\.code) == ["value.required", "scope.not_owner"])
        #expect(answer.accepted == 5)
        // Every accepted change has a feed entry, numbered on from the last without a gap.
        #expect(try Self.feedSeqs(w) == Array(1...8))
        let rows = try Self.names(w)
        #expect(rows == [held.rowID: "已有项目", fresh.rowID: "新项目（更名）", last.rowID: "最后一个"])
        // A pull gets every accepted change back as pushed, in order.
        let pulled = try w.pulled().changes
        #expect(pulled == [held, gone, deletion, fresh, edit, held, resurrect, last])
        // New rows' creations point at their rows; the row holding the edit was written out first.
        let refs = try w.store.query("SELECT id, _ds_feed FROM project WHERE _ds_feed IS NOT NULL ORDER BY _ds_feed")
        #expect(refs.map { $0[0].text ?? "" } == [held.rowID, last.rowID])
        #expect(refs.map { $0[1].integer ?? 0 } == [1, 8])
    }

    @Test("a row created, deleted and created again in one batch, in a table with no deletion before, stays deleted")
    func deletedEarlierInTheBatch() throws {
        var w = try World()
        let made = w.change("project", RowID.generate(), "*", ["project_no": .text("P-X"), "name": .text("新建")])
        let deletion = w.change("project", made.rowID, "-", [:], seen: ["*": made.id])
        let other = w.change("project", RowID.generate(), "*", ["project_no": .text("P-Y"), "name": .text("另一个")])
        let answer = try w.push([made, deletion, other, made])
        #expect(answer.accepted == 4 && answer.rejected.isEmpty)
        #expect(try Self.names(w) == [other.rowID: "另一个"])
        #expect(try w.pulled().changes == [made, deletion, other, made])
    }

    @Test("a creation pushed again in a later batch is a duplicate that changes nothing, after a restart too")
    func creationAgainAfterRestart() throws {
        var w = try World()
        let made = w.change("project", RowID.generate(), "*", ["project_no": .text("P-1"), "name": .text("项目一"), "remark": .text("备注")])
        #expect(try w.push([made]).accepted == 1)
        w.store = try SQLiteCentralStore(path: w.dir.file("central.db"), catalog: .standard, units: TestUnits.all)
        #expect(try w.push([made]).accepted == 1)
        #expect(try w.store.query("SELECT count(*), max(name), max(remark) FROM project").first == [.integer(1), .text("项目一"), .text("备注")])
        #expect(try Self.feedSeqs(w) == [1, 2])
        #expect(try w.pulled().changes == [made, made])
    }

    @Test("a new store's state tables number rows without AUTOINCREMENT; a store whose tables have it keeps working")
    func rowNumbering() throws {
        let fresh = try World()
        let sql = try fresh.store.query("SELECT sql FROM sqlite_master WHERE name = 'project'").first?[0].text ?? ""
        #expect(sql.contains("\"_rid\" INTEGER PRIMARY KEY") && !sql.contains("AUTOINCREMENT"))

        // A store made before: its state tables were created with AUTOINCREMENT (and a development build's
        // partial index on deletions, which made SQLite re-prepare statements, is dropped at opening).
        let dir = TemporaryDirectory("creation-old-store")
        let path = dir.file("central.db")
        do {
            let db = try Database(path: path, mode: .create)
            try db.execute("PRAGMA application_id = \(CentralSchema.applicationID)")
            try MergeSchema.reconcileTables(db, catalog: .standard, ownerDefault: "", numbering: .neverReused)
            try db.execute(MergeSchema.historyDDL + "CREATE INDEX _ds_history_deletions ON _ds_history (tbl) WHERE unit = '-';")
        }
        var old = try World(path: path)
        let sqlOld = try old.store.query("SELECT sql FROM sqlite_master WHERE name = 'project'").first?[0].text ?? ""
        #expect(sqlOld.contains("AUTOINCREMENT"))
        #expect(try old.store.query("SELECT count(*) FROM sqlite_master WHERE name = '_ds_history_deletions'").first == [.integer(0)])
        let a = old.change("project", RowID.generate(), "*", ["project_no": .text("P-A"), "name": .text("甲")])
        let b = old.change("project", RowID.generate(), "*", ["project_no": .text("P-B"), "name": .text("乙")])
        #expect(try old.push([a, b]).accepted == 2)
        let rename = old.change("project", a.rowID, "name", ["name": .text("甲（改）")], base: a.id)
        #expect(try old.push([rename, b]).accepted == 2)
        #expect(try Self.names(old) == [a.rowID: "甲（改）", b.rowID: "乙"])
        #expect(try old.pulled().changes == [a, b, rename, b])
    }
}
