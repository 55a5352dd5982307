import DistrictTestSupport
import Foundation
import Replica
import Reports
import SQLiteDB
import Testing

/// `dsync period close/reopen`: edits to a closed month's period-keyed rows are refused on the replica's
/// write path with a clear Chinese message, until the month is re-opened with a reason.
@Suite struct PeriodCloseTests {
    @Test func closedMonthRefusesInsertUpdateDeleteAndBulkInsert() throws {
        let dir = TemporaryDirectory("period")
        let r = try Replica.create(at: dir.file("a.dsync"), office: "410103001")
        let (project, june) = try r.write { w -> (String, String) in
            let p = try w.insert("project", ["project_no": .text("410103001-2023-0001"), "name": .text("测试项目")])
            let june = try w.insert("project_progress", ["project_id": .text(p), "period": .text("2023-06"), "month_invest": .integer(100)])
            return (p, june)
        }
        try r.closePeriod("2023-06")
        #expect(try r.isPeriodClosed("2023-06"))
        let e = #expect(throws: ReplicaError.self) { try r.write { try $0.update("project_progress", id: june, ["month_invest": .integer(200)]) } }
        #expect(e?.code == "replica.period_closed")
        #expect(e?.message.contains("填报期 2023-06 已关账") ?? false)
        #expect(e?.message.contains("项目月度进展") ?? false)
        #expect((#expect(throws: ReplicaError.self) { try r.write { try $0.delete("project_progress", id: june) } })?.code == "replica.period_closed")
        #expect((#expect(throws: ReplicaError.self) {
            try r.write { _ = try $0.insert("project_progress", ["project_id": .text(project), "period": .text("2023-06")]) }
        })?.code == "replica.period_closed")
        #expect((#expect(throws: ReplicaError.self) {
            try r.write { w in try w.bulkInserter("project_progress", columns: ["project_id", "period"]).insert([.text(project), .text("2023-06")]) }
        })?.code == "replica.period_closed")
        // Moving another month's row into the closed month is refused too; other months and tables are open.
        let july = try r.write { try $0.insert("project_progress", ["project_id": .text(project), "period": .text("2023-07")]) }
        #expect((#expect(throws: ReplicaError.self) { try r.write { try $0.update("project_progress", id: july, ["period": .text("2023-06")]) } })?.code == "replica.period_closed")
        try r.write { try $0.update("project_progress", id: july, ["month_invest": .integer(5)]) }
        try r.write { try $0.update("project", id: project, ["name": .text("改名")]) }
        // The value did not change.
        let db = try Database(path: dir.file("a.dsync"), mode: .readOnly)
        #expect(try db.scalar("SELECT month_invest FROM project_progress WHERE id = ?", [.text(june)])?.integer == 100)
        // Re-open needs a reason; then the edit goes through.
        #expect((#expect(throws: ReplicaError.self) { try r.reopenPeriod("2023-06", reason: "  ") })?.code == "replica.reopen_reason")
        try r.reopenPeriod("2023-06", reason: "统计局更正5月数据")
        try r.write { try $0.update("project_progress", id: june, ["month_invest": .integer(200)]) }
        let history = try r.periodHistory()
        #expect(history.map(\.closed) == [true, false])
        #expect(history.last?.reason == "统计局更正5月数据")
        #expect((#expect(throws: ReplicaError.self) { try r.closePeriod("2023-13") })?.code == "replica.bad_period")
    }

    @Test func reportStatesTheClosedPeriod() throws {
        let dir = TemporaryDirectory("period")
        let path = dir.file("a.dsync")
        try Replica.create(at: path, office: "410103001").closePeriod("2023-06")
        let context = try ReportContext(source: try ReportSource(path: path), period: try #require(ReportPeriod("2023-06")))
        #expect(try context.dataStateLine() == "数据来源：副本 a.dsync；最后同步：淮河路街道办事处 未同步；填报期 2023-06 已关账")
    }

    @Test func closingSurvivesReopeningTheFile() throws {
        let dir = TemporaryDirectory("period")
        let path = dir.file("a.dsync")
        try Replica.create(at: path, office: "410103001").closePeriod("2024-05")
        let r = try Replica.open(at: path)
        #expect(try r.isPeriodClosed("2024-05"))
        #expect((#expect(throws: ReplicaError.self) { try r.closePeriod("2024-05") })?.code == "replica.period_already_closed")
    }
}
