import CentralStore
import DistrictTestSupport
import MergeStore
import SyncModel
import Testing

/// What a store holds after a workload, in a form two stores can be compared by.
struct WorkloadResult: Equatable {
    /// Push answers with the server clock zeroed (each store has its own clock).
    var answers: [PushResponse] = []
    var rows: [String: [String: CellValue]?] = [:]
    var conflicts: [ConflictRecord] = []
    var pulled: [Change] = []
}

/// A seeded stream of push batches from five replicas of two offices of one district: creations, edits
/// of every merge unit with clock ties, deletions, edits of the other office's rows (refused by scope)
/// and an unknown unit (refused by validation).
struct RandomWorkload {
    var g: SeededGenerator
    init(seed: UInt64) { g = SeededGenerator(state: seed &* 7919) }

    static let replicas: [(site: SiteID, office: String)] = (0..<5).map { i in
        (SiteID(hex: String(repeating: "\(i + 1)", count: 32))!, i < 3 ? TestUnits.huaiheRoad : TestUnits.mingongRoad)
    }
    static let rowIDs = (0..<6).map { "01906a1c-8f00-7a3b-9c4d-5e6f7a8b9c0\($0)" }

    mutating func batches() -> [PushRequest] {
        var clock: Int64 = 112_704_513_638_400_000
        var seqs = [Int64](repeating: 0, count: Self.replicas.count)
        var out: [PushRequest] = []
        // Each row is created by a replica of its owning office.
        for (i, row) in Self.rowIDs.enumerated() {
            let r = i % 2 == 0 ? 0 : 3
            let office = Self.replicas[r].office
            clock += 65_536
            let c = Change(table: "project", rowID: row, unit: "*", values: [
                "owner_unit_id": .text(office), "project_no": .text("\(office)-2024-000\(i)"), "name": .text("项目\(i)"),
                "total_invest": .integer(100_000_000), "pool": .text("谋划库"), "stage": .text("前期"),
            ], clock: HybridTimestamp(rawValue: clock), site: Self.replicas[r].site, office: office)
            seqs[r] += 1
            out.append(PushRequest(batchID: "c\(i)", replica: Self.replicas[r].site, seq: seqs[r], changes: [c]))
        }
        for b in 0..<40 {
            let r = Int.random(in: 0..<Self.replicas.count, using: &g)
            let (site, office) = Self.replicas[r]
            var changes: [Change] = []
            for _ in 0..<Int.random(in: 1...4, using: &g) {
                // Ties on purpose: a third of the edits reuse the last clock reading.
                if Int.random(in: 0..<3, using: &g) != 0 { clock += Int64.random(in: 1...3, using: &g) * 65_536 }
                let row = Self.rowIDs.randomElement(using: &g)!
                let id = HybridTimestamp(rawValue: clock)
                let change: Change
                switch Int.random(in: 0..<20, using: &g) {
                case 0:
                    change = Change(table: "project", rowID: row, unit: "-", values: [:], clock: id, site: site, office: office, seen: [:])
                case 1:
                    change = Change(table: "project", rowID: row, unit: "no_such_unit", values: [:], clock: id, site: site, office: office)
                case 2...7:
                    change = Change(table: "project", rowID: row, unit: "name", values: ["name": .text("名称\(Int.random(in: 0..<9, using: &g))")],
                                    clock: id, site: site, office: office)
                case 8...13:
                    change = Change(table: "project", rowID: row, unit: "total_invest",
                                    values: ["total_invest": .integer(Int64.random(in: 1...9, using: &g) * 10_000_000)], clock: id, site: site, office: office)
                default:
                    change = Change(table: "project", rowID: row, unit: "pool_stage",
                                    values: ["pool": .text(["谋划库", "招引库", "签约库"].randomElement(using: &g)!),
                                             "stage": .text(["前期", "新开工", "续建"].randomElement(using: &g)!)],
                                    clock: id, site: site, office: office)
                }
                changes.append(change)
            }
            seqs[r] += 1
            out.append(PushRequest(batchID: "e\(b)", replica: site, seq: seqs[r], changes: changes))
        }
        return out
    }

    /// Pushes `batches` with each office's token, then reads rows, conflicts and the whole feed (in pages).
    static func run(_ batches: [PushRequest], on store: any CentralStore) async throws -> WorkloadResult {
        var tokens: [String: String] = [:]
        for office in Set(replicas.map(\.office)) { tokens[office] = try await store.createToken(office: office, label: nil) }
        var result = WorkloadResult()
        for batch in batches {
            let office = replicas.first { $0.site == batch.replica }!.office
            var answer = try await store.push(batch, token: tokens[office]!)
            answer.serverClock = .zero
            result.answers.append(answer)
        }
        for row in rowIDs { result.rows[row] = try await store.currentRow(table: "project", id: row) }
        result.conflicts = try await store.conflicts()
        var cursor: Int64 = 0
        while true {
            let page = try await store.pull(after: cursor, limit: 7, token: tokens[TestUnits.mingongRoad]!)
            let wire = try await store.pullEncoded(after: cursor, limit: 7, token: tokens[TestUnits.mingongRoad]!)
            #expect(try WireJSON.decodePullResponse(wire.json) == page, "the wire form of a page carries the same answer")
            result.pulled += page.changes
            cursor = page.cursor
            if !page.more { break }
        }
        return result
    }
}
