import CentralStore
import DistrictTestSupport
import Domain
import Replica
import SQLiteDB
import Synchronization
import SyncClient
import SyncModel
import Testing

/// A wall clock the test moves by hand, shared by every replica, so clock ties happen on purpose.
final class FakeWallClock: Sendable {
    let now = Mutex<Int64>(1_760_000_000_000)
    func read() -> Int64 { now.withLock { $0 } }
    func advance(_ ms: Int64) { now.withLock { $0 += ms } }
}

@Suite("Convergence under random schedules")
struct ConvergencePropertyTests {
    struct Edit { let table: String; let row: String; let unit: String; let id: ChangeID; let base: ChangeID? }

    static let units: [(unit: String, values: @Sendable (inout SeededGenerator) -> [String: SQLValue])] = [
        ("name", { g in ["name": .text("项目\(Int.random(in: 0..<5, using: &g))")] }),
        ("total_invest", { g in ["total_invest": .integer(Int64.random(in: 0..<4, using: &g) * 10_000)] }),
        ("pool_stage", { g in ["pool": .text(["谋划库", "招引库", "签约库", "落地库"].randomElement(using: &g)!),
                               "stage": .text(["前期", "新开工", "续建"].randomElement(using: &g)!)] }),
        ("remark", { g in ["remark": .text(["无", "待核实", "已开工"].randomElement(using: &g)!)] }),
    ]

    @Test("replicas, server: identical state and conflict logs after random edits, partial syncs, lost and repeated batches, clock ties",
          arguments: 0..<200)
    func convergence(seed: UInt64) throws {
        var g = SeededGenerator(state: seed)
        let dir = TemporaryDirectory("prop")
        let store = try SQLiteCentralStore(path: dir.file("central.db"), units: TestUnits.all)
        let wall = FakeWallClock()
        let offices = [TestUnits.huaiheRoad, TestUnits.huaiheRoad, TestUnits.huaiheRoad, TestUnits.mingongRoad, TestUnits.mingongRoad]
        var replicas: [Replica] = []
        var transports: [InProcessTransport] = []
        for (i, office) in offices.enumerated() {
            let r = try Replica.create(at: dir.file("r\(i).dsync"), office: office, units: TestUnits.all)
            r.wallClock = { wall.read() }
            replicas.append(r)
            transports.append(InProcessTransport(store: store, token: try store.createToken(office: office)))
        }
        var edits: [Edit] = []
        var counter = 0
        for _ in 0..<40 {
            let i = Int.random(in: 0..<replicas.count, using: &g)
            let r = replicas[i], t = transports[i]
            wall.advance([0, 0, 1, 2, 50].randomElement(using: &g)!)
            switch Int.random(in: 0..<100, using: &g) {
            case 0..<20:
                counter += 1
                try r.write { try $0.insert("project", ["project_no": .text("\(r.office)-\(counter)"), "name": .text("新项目\(counter)")]) }
            case 20..<55:
                let rows = try r.query("SELECT id FROM project WHERE owner_unit_id = ? ORDER BY id", [.text(r.office)])
                guard let row = rows.randomElement(using: &g)?.first?.text else { continue }
                let (unit, make) = Self.units.randomElement(using: &g)!
                try r.write { try $0.update("project", id: row, make(&g)) }
                if let h = try r.query("""
                    SELECT hlc, base_hlc, base_site FROM _ds_history WHERE row_id = ? AND unit = ? AND site = ? ORDER BY hlc DESC LIMIT 1
                    """, [.text(row), .text(unit), .text(r.site.hex)]).first, let hlc = h[0].integer {
                    let base = h[1].integer.map { ChangeID(clock: HybridTimestamp(rawValue: $0), site: SiteID(hex: h[2].text!)!) }
                    let id = ChangeID(clock: HybridTimestamp(rawValue: hlc), site: r.site)
                    if !edits.contains(where: { $0.id == id && $0.row == row && $0.unit == unit }) {
                        edits.append(Edit(table: "project", row: row, unit: unit, id: id, base: base))
                    }
                }
            case 55..<60:
                let rows = try r.query("SELECT id FROM project WHERE owner_unit_id = ? ORDER BY id", [.text(r.office)])
                guard let row = rows.randomElement(using: &g)?.first?.text else { continue }
                try r.write { try $0.delete("project", id: row) }
            case 60..<70:
                t.faults = [[.dropRequest], [.dropResponse], []].randomElement(using: &g)!
                _ = try? SyncSession(replica: r, transport: t).run()
                t.faults = []
            case 70..<80:
                var report = SyncReport()
                var s = SyncSession(replica: r, transport: t)
                s.pushBatchSize = Int.random(in: 1...3, using: &g)
                s.overlap = s.pushBatchSize != 2  // both loops, without drawing from the schedule's generator
                try? s.push(&report)
            case 80..<90:
                var report = SyncReport()
                var s = SyncSession(replica: r, transport: t)
                s.pullLimit = Int.random(in: 1...4, using: &g)
                s.overlap = s.pullLimit.isMultiple(of: 2)
                try? s.pull(&report)
            default:
                // Re-send an old batch: the stored answer comes back and nothing changes.
                if let old = t.delivered.randomElement(using: &g) {
                    let before = try store.query("SELECT count(*) FROM feed").first
                    _ = try store.push(old, token: t.token)
                    #expect(try store.query("SELECT count(*) FROM feed").first == before, "seed \(seed)")
                }
            }
        }
        for _ in 0..<2 {
            for (r, t) in zip(replicas, transports) { _ = try SyncSession(replica: r, transport: t).run() }
        }
        try checkConverged(replicas, store, edits, seed: seed)
    }

    func checkConverged(_ replicas: [Replica], _ store: SQLiteCentralStore, _ edits: [Edit], seed: UInt64) throws {
        let fields = Table.project.columnNames.map(Database.quote).joined(separator: ", ")
        let stateSQL = "SELECT \(fields) FROM project ORDER BY id"
        let conflictSQL = """
            SELECT tbl, row_id, unit, loser_hlc, loser_site, loser_value, winner_hlc, winner_site, winner_value, winner_deleted, resolved_hlc, resolved_site
            FROM _ds_conflict ORDER BY tbl, row_id, unit, loser_hlc, loser_site
            """
        let historySQL = "SELECT tbl, row_id, unit, hlc, site, base_hlc, base_site, value FROM _ds_history WHERE unit <> '-' ORDER BY tbl, row_id, unit, hlc, site"
        let serverState = try store.query(stateSQL), serverConflicts = try store.query(conflictSQL), serverHistory = try store.query(historySQL)
        for (i, r) in replicas.enumerated() {
            #expect(try r.pendingSummary().isEmpty, "seed \(seed): replica \(i) still has pending changes")
            let rej = try r.rejectedChanges().map { "\($0.code) \($0.unit) \($0.reason)" }
            #expect(rej.isEmpty, "seed \(seed): replica \(i) rejected \(rej)")
            #expect(try r.query(stateSQL) == serverState, "seed \(seed): replica \(i) state differs from the server")
            #expect(try r.query(conflictSQL) == serverConflicts, "seed \(seed): replica \(i) conflict log differs")
            #expect(try r.query(historySQL) == serverHistory, "seed \(seed): replica \(i) history differs")
        }
        // Every edit ever made is the current value, a logged loser, or was knowingly built on.
        let losers = Set(serverConflicts.map { "\($0[1])|\($0[2])|\($0[3])|\($0[4])" })
        for e in edits {
            let key = "\(e.row)|\(e.unit)|\(e.id.clock.rawValue)|\(e.id.site.hex)"
            let winner = try store.query("SELECT hlc, site FROM _ds_history WHERE row_id = ? AND unit = ? ORDER BY hlc DESC, site DESC LIMIT 1",
                                         [.text(e.row), .text(e.unit)]).first
            let rowExists = try store.query("SELECT 1 FROM project WHERE id = ?", [.text(e.row)]).count == 1
            let isCurrent = winner == [.integer(e.id.clock.rawValue), .text(e.id.site.hex)] && rowExists
            let builtOn = edits.contains { $0.row == e.row && $0.unit == e.unit && $0.base == e.id }
            let seenByDeletion = try store.query("""
                SELECT 1 FROM _ds_history WHERE row_id = ? AND unit = '-' AND json_extract(value, '$."' || ? || '"[0]') = ?
                  AND json_extract(value, '$."' || ? || '"[1]') = ?
                """, [.text(e.row), .text(e.unit), .integer(e.id.clock.rawValue), .text(e.unit), .text(e.id.site.hex)]).count > 0
            #expect(isCurrent || losers.contains(key) || builtOn || seenByDeletion, "seed \(seed): edit \(key) was lost")
        }
    }
}
