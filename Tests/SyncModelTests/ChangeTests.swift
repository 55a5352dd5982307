import Foundation
import SyncModel
import Testing

@Suite("Changes, row ids and the merge rule")
struct ChangeTests {
    let a = SiteID(hex: "0000000000000000000000000000000a")!
    let b = SiteID(hex: "0000000000000000000000000000000b")!

    @Test("the greater clock wins; on equal clocks the greater site wins; a change never beats itself")
    func mergeRule() {
        let t = HybridTimestamp(wallMillis: 10, counter: 0)
        let c = Change(table: "project", rowID: "r", unit: "name", values: [:], clock: t, site: a)
        #expect(c.wins(over: HybridTimestamp(wallMillis: 9, counter: 9), site: b))
        #expect(!c.wins(over: HybridTimestamp(wallMillis: 10, counter: 1), site: a))
        #expect(!c.wins(over: t, site: b))
        var cb = c
        cb.site = b
        #expect(cb.wins(over: t, site: a))
        #expect(!c.wins(over: t, site: a))
    }

    @Test("changes round-trip through JSON with integers, reals, text and null kept apart")
    func json() throws {
        let c = Change(table: "project", rowID: RowID.generate(), unit: "*",
                       values: ["total_invest": .integer(36_980_000_000), "ratio": .real(0.5), "name": .text("二七区全民健身运动中心"), "remark": .null],
                       clock: HybridTimestamp(wallMillis: 1, counter: 2), site: a)
        let data = try JSONEncoder().encode(c)
        #expect(try JSONDecoder().decode(Change.self, from: data) == c)
        #expect(c.kind == .insert)
        let bad = Data(#"{"table":"t","rowID":"r","unit":"u","values":{},"clock":1,"site":"nothex"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Change.self, from: bad) }
    }

    @Test("UUIDv7 row ids: shape, version and variant, time order, uniqueness")
    func rowIDs() {
        let t0 = RowID.generate(wallMillis: 1_700_000_000_000)
        let t1 = RowID.generate(wallMillis: 1_700_000_000_001)
        #expect(RowID.isValid(t0))
        #expect(Array(t0)[14] == "7")
        #expect("89ab".contains(Array(t0)[19]))
        #expect(t0 < t1)
        #expect(t0.hasPrefix("018bcfe5-6800"))
        var g = RowIDGenerator()
        let many = (0..<10_000).map { _ in g.generate(wallMillis: 1_700_000_000_000) }
        #expect(Set(many).count == 10_000)
        #expect(many == many.sorted(), "ids of one millisecond are monotonic, so a bulk insert appends to the id index")
        #expect(g.generate(wallMillis: 1_700_000_000_001) > many.last!)
        #expect(many.allSatisfy(RowID.isValid))
        #expect(!RowID.isValid("018bcfe5-6800-7000-8000-00000000000G"))
    }

    @Test("site ids are 32 lowercase hex digits")
    func siteIDs() {
        #expect(SiteID.random().hex.count == 32)
        #expect(SiteID(hex: "ABCDEF00000000000000000000000000") == nil)
        #expect(SiteID(hex: "abc") == nil)
    }
}
