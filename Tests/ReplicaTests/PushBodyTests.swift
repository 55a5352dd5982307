import DistrictTestSupport
import Foundation
import GzipCodec
import MergeStore
import Replica
import SQLiteDB
import SyncModel
import Testing

/// A replica writes a batch's creations straight from its columns (`PushBodyWriter`), not through `Change`
/// values: the body must be the canonical wire JSON of the rows exactly as stored.
@Suite("Push bodies written straight from the outbox")
struct PushBodyTests {
    @Test("a bulk creation's body is the canonical wire JSON of the rows as stored: nulls out, escapes, CJK, numbers, bad UTF-8 repaired")
    func bulkCreations() throws {
        let dir = TemporaryDirectory()
        let r = try Replica.create(at: dir.file("a.dsync"), office: TestUnits.huaiheRoad, units: TestUnits.all)
        let names = ["郑州兰盾电子产业园", #"引号"与\反斜杠"#, "换行\n制表\t回车\r", "控制\u{01}\u{1f}字符", "emoji 🏗️ 工地", "plain ascii"]
        let ids = try r.write { w in
            try (0..<240).map { i in
                var values: [String: SQLValue] = ["project_no": .text("410103001-2024-\(1000 + i)"), "name": .text(names[i % names.count])]
                if i % 3 == 0 { values["total_invest"] = .integer(Int64(i) * 1_000_000 - 7) }  // else left null
                if i % 4 == 1 { values["remark"] = .text("备注\(i)") }
                return try w.insert("project", values)
            }
        }
        // Another SQLite tool stores what DistrictSync would not: bytes that are not UTF-8, a real in a money column.
        try ProcessRunner.sqlite3(r.path, """
            UPDATE project SET remark = CAST(x'e4bda0ff41c0af' AS TEXT) WHERE id = '\(ids[5])';
            UPDATE project SET total_invest = 1.5 WHERE id = '\(ids[9])';
            """)

        var sent: [Change] = []
        while let batch = try r.nextPushBatch(maxChanges: 100, compressionLevel: 1) {
            let json = try Gzip.decompress(batch.gzippedBody, limit: 1 << 26)
            let request = try WireJSON.decodePushRequest(json)
            #expect(WireJSON.encode(request) == json, "batch \(batch.seq) is not canonical wire JSON")
            #expect(request.batchID == batch.batchID && request.seq == batch.seq && request.changes.count == batch.changeCount)
            #expect(batch.request == request)
            sent += request.changes
            try r.completePush(batch, response: PushResponse(batchID: batch.batchID, seq: batch.seq, accepted: batch.changeCount,
                                                             rejected: [], serverClock: .zero))
        }
        let creations = Dictionary(sent.filter { $0.unit == "*" }.map { ($0.rowID, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(creations.count == ids.count)
        for id in ids {
            let row = try #require(r.query("SELECT project_no, name, total_invest, remark, owner_unit_id FROM project WHERE id = ?", [.text(id)]).first)
            let c = try #require(creations[id])
            #expect(c.table == "project" && c.site == r.site && c.office == TestUnits.huaiheRoad)
            for (k, v) in zip(["project_no", "name", "total_invest", "remark", "owner_unit_id"], row) {
                let expected: CellValue? = v == .null ? nil : CellValue(v)
                #expect(c.values[k] == expected, "\(id) \(k)")
            }
        }
        #expect(creations[ids[5]]?.values["remark"] == .text("你\u{FFFD}A\u{FFFD}\u{FFFD}"))  // as Swift decodes the bad bytes
        #expect(creations[ids[9]]?.values["total_invest"] == .real(1.5))
        #expect(creations[ids[1]]?.values["total_invest"] == nil)  // null left out
    }

    @Test("an infinite number stored by another tool stops the batch with a clear error, and nothing is put in flight")
    func infinityRefused() throws {
        let dir = TemporaryDirectory()
        let r = try Replica.create(at: dir.file("a.dsync"), office: TestUnits.huaiheRoad, units: TestUnits.all)
        let ids = try r.write { w in try (0..<3).map { try w.insert("project", ["project_no": .text("p\($0)"), "name": .text("甲")]) } }
        try ProcessRunner.sqlite3(r.path, "UPDATE project SET total_invest = 9e999 WHERE id = '\(ids[1])';")
        let error = #expect(throws: ReplicaError.self) { try r.nextPushBatch(maxChanges: 100) }
        #expect(error?.code == "replica.non_finite")
        #expect(error?.message.contains("无穷大") == true)
        #expect(try r.query("SELECT count(*) FROM _ds_inflight").first?.first == .integer(0))
    }
}
