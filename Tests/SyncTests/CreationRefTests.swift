@testable import CentralStore
import DistrictTestSupport
import Domain
import Foundation
import SQLiteDB
import SyncModel
import Testing

/// The SQLite store keeps a creation's feed entry as a reference to the new state row (`CreationRef`):
/// pulls must still get the exact bytes the creation was stored as, whatever happens to the row later.
@Suite("Creations kept as references to their rows")
struct CreationRefTests {
    static let site = SiteID(hex: "0123456789abcdef0123456789abcdef")!
    static let office = TestUnits.huaiheRoad

    struct World {
        let dir = TemporaryDirectory("creation-ref")
        var store: SQLiteCentralStore
        let token: String
        var seq: Int64 = 0
        var tick: Int64 = 0

        /// `path`: the store's file (default: a new one in `dir`).
        init(catalog: Catalog = .standard, path: String? = nil) throws {
            store = try SQLiteCentralStore(path: path ?? dir.file("central.db"), catalog: catalog, units: TestUnits.all)
            token = try store.createToken(office: CreationRefTests.office)
        }

        /// A change of this replica at the next clock.
        mutating func change(_ table: String, _ row: String, _ unit: String, _ values: CellValues, base: ChangeID? = nil,
                             seen: [String: ChangeID]? = nil) -> Change {
            tick += 1
            return Change(table: table, rowID: row, unit: unit, values: values,
                          clock: HybridTimestamp(wallMillis: WallClock.nowMillis(), counter: tick), site: CreationRefTests.site,
                          office: CreationRefTests.office, base: base, seen: seen)
        }

        mutating func push(_ changes: [Change], token: String? = nil) throws -> PushResponse {
            seq += 1
            return try store.push(PushRequest(batchID: RowID.generate(), replica: CreationRefTests.site, seq: seq, changes: changes),
                                  token: token ?? self.token)
        }

        /// The feed's stored bytes, oldest first.
        func storedFeed() throws -> [[UInt8]] {
            try store.query("SELECT change FROM feed ORDER BY seq").map { if case .blob(let b) = $0[0] { b } else { [] } }
        }

        /// Everything a city-wide pull returns, decoded, and as served on the wire.
        func pulled() throws -> (changes: [Change], wire: EncodedPull) {
            let cityToken = try store.createToken(office: TestUnits.district)
            let decoded = try store.pull(after: 0, limit: 10_000, token: cityToken).changes
            return (decoded, try store.pullEncoded(after: 0, limit: 10_000, token: cityToken))
        }
    }

    static func isReference(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0 && bytes[1] == 1 }

    @Test("a new row's creation is stored as a reference and pulled as exactly what was pushed: named nulls, left-out owner, integers")
    func pulledAsPushed() throws {
        var w = try World()
        let plain = w.change("project", RowID.generate(), "*", ["project_no": .text("410103001-2024-0001"), "name": .text("郑州航空港物流园"),
                                                                  "total_invest": .integer(1_250_000_000), "remark": .null])
        let withOwner = w.change("project", RowID.generate(), "*", ["project_no": .text("410103001-2024-0002"), "name": .text("二七商圈改造"),
                                                                      "owner_unit_id": .text(Self.office)])
        let answer = try w.push([plain, withOwner])
        #expect(answer.accepted == 2 && answer.rejected.isEmpty)
        let stored = try w.storedFeed()
        #expect(stored.count == 2 && stored.allSatisfy(Self.isReference), "both creations are references")
        #expect(stored.allSatisfy { $0.count < 40 }, "a reference holds no values")
        let (changes, wire) = try w.pulled()
        #expect(changes == [plain, withOwner])
        // Byte for byte (and so checksum for checksum) the answer a store holding the pushed bytes gives.
        let expected = EncodedPull(PullResponse(changes: [plain, withOwner], cursor: wire.cursor, more: false))
        #expect(wire.json == expected.json && wire.checksum == expected.checksum)
    }

    @Test("an update, or a deletion, first writes the creation out whole: pulls still get the original values")
    func writtenOutBeforeTheRowChanges() throws {
        var w = try World()
        let updated = w.change("project", RowID.generate(), "*", ["project_no": .text("410103001-2024-0003"), "name": .text("原名称")])
        let deleted = w.change("project", RowID.generate(), "*", ["project_no": .text("410103001-2024-0004"), "name": .text("将删除的项目")])
        let untouched = w.change("project", RowID.generate(), "*", ["project_no": .text("410103001-2024-0005"), "name": .text("不变的项目")])
        _ = try w.push([updated, deleted, untouched])
        let rename = w.change("project", updated.rowID, "name", ["name": .text("新名称")], base: updated.id)
        let deletion = w.change("project", deleted.rowID, "-", [:], seen: [:])
        #expect(try w.push([rename, deletion]).accepted == 2)

        let stored = try w.storedFeed()
        #expect(stored[0] == WireJSON.encode(updated), "the updated row's creation, written out as it was pushed")
        #expect(stored[1] == WireJSON.encode(deleted), "the deleted row's creation, written out as it was pushed")
        #expect(Self.isReference(stored[2]), "a row nothing changed keeps its reference")
        #expect(try w.store.query("SELECT count(*) FROM project WHERE _ds_feed IS NOT NULL").first?.first == .integer(1))
        #expect(try w.store.query("SELECT name FROM project WHERE id = ?", [.text(updated.rowID)]).first?.first == .text("新名称"))
        #expect(try w.pulled().changes == [updated, deleted, untouched, rename, deletion])

        // The deleted row's owner is still known from its creation: another office may not touch it.
        let otherToken = try w.store.createToken(office: TestUnits.mingongRoad)
        var foreign = w.change("project", deleted.rowID, "name", ["name": .text("别人改")], base: deleted.id)
        foreign.office = TestUnits.mingongRoad
        let otherSite = SiteID(hex: "fedcba9876543210fedcba9876543210")!
        foreign.site = otherSite
        let refused = try w.store.push(PushRequest(batchID: RowID.generate(), replica: otherSite, seq: 1, changes: [foreign]), token: otherToken)
        #expect(refused.accepted == 0 && refused.rejected.first?.code == "scope.not_owner")
    }

    @Test("a creation arriving after an edit of its row is stored whole (the row no longer holds only its values)")
    func heldRowStoredWhole() throws {
        var w = try World()
        let row = RowID.generate()
        let creation = w.change("project", row, "*", ["project_no": .text("410103001-2024-0006"), "name": .text("先到的是修改")])
        let edit = w.change("project", row, "name", ["name": .text("修改后的名称")], base: creation.id)
        _ = try w.push([edit])
        _ = try w.push([creation])
        let stored = try w.storedFeed()
        #expect(stored == [WireJSON.encode(edit), WireJSON.encode(creation)])
        #expect(try w.pulled().changes == [edit, creation])
    }

    @Test("a table that gains a column writes its references out first, so old creations still pull as pushed")
    func columnsChange() throws {
        func catalog(_ version: Int, _ extra: [Field]) -> Catalog {
            let t = Table("ref_probe", "探针", naturalKey: ["code"],
                          fields: [Field("code", "编号", .code, required: true), Field("zeta", "末列", .text)] + extra)
            return Catalog(schemaVersion: version, tables: Catalog.standard.tables + [t])
        }
        var w = try World(catalog: catalog(Catalog.standard.schemaVersion + 1, []))
        let creation = w.change("ref_probe", RowID.generate(), "*", ["code": .text("A-1"), "zeta": .text("最后一列")])
        _ = try w.push([creation])
        #expect(Self.isReference(try w.storedFeed()[0]))
        let path = w.store.path
        w.store = try SQLiteCentralStore(path: path + ".unused", units: TestUnits.all)  // let go of the first store
        // "mid" sorts between the two columns: a bitmap over the new columns would name the wrong ones.
        w.store = try SQLiteCentralStore(path: path, catalog: catalog(Catalog.standard.schemaVersion + 2, [Field("mid", "中间列", .integer)]),
                                         units: TestUnits.all)
        #expect(try w.storedFeed()[0] == WireJSON.encode(creation))
        #expect(try w.pulled().changes == [creation])
    }
}
