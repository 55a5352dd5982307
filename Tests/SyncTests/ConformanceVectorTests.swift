import CentralStore
import DistrictTestSupport
import Domain
import Foundation
import MergeStore
import SQLiteDB
import SyncModel
import Testing

/// Runs the language-neutral conformance vectors in `Sync/vectors` (the files a second client is written
/// against) on this implementation: checksums, merge cases under several delivery orders, and
/// store-level push/pull sequences.
@Suite("Conformance vectors (Sync/vectors)")
struct ConformanceVectorTests {
    // MARK: inventory

    @Test("the vector files are found and there are enough of them")
    func inventory() throws {
        #expect(FileManager.default.fileExists(atPath: Vectors.root + "/checksum.json"))
        #expect(Vectors.mergeFiles.count >= 10)
        #expect(Vectors.pushFiles.count >= 6)
        let checksums = try Vectors.decode(ChecksumFile.self, "checksum.json")
        #expect(checksums.cases.count >= 5)
    }

    // MARK: checksum

    @Test("every checksum vector equals SyncProtocol.checksum and PullResponse's checksum")
    func checksums() throws {
        let file = try Vectors.decode(ChecksumFile.self, "checksum.json")
        for c in file.cases {
            #expect(SyncProtocol.checksum(c.changes) == c.checksum, "\(c.name)")
            #expect(PullResponse(changes: c.changes, cursor: 0, more: false).checksum == c.checksum, "\(c.name)")
        }
    }

    // MARK: wire form

    @Test(
        "every change in the vectors is in canonical wire form: decoding and re-encoding gives the same JSON", arguments: Vectors.allFiles)
    func wireForm(_ file: String) throws {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Vectors.root + "/" + file)))
        for raw in Vectors.changeObjects(in: json) {
            let data = try JSONSerialization.data(withJSONObject: raw)
            let change = try JSONDecoder().decode(Change.self, from: data)
            let again = try JSONSerialization.jsonObject(with: JSONEncoder().encode(change))
            #expect(
                NSDictionary(dictionary: raw).isEqual(to: again as? [String: Any] ?? [:]),
                "\(file): \(change.table) \(change.rowID) \(change.unit)")
        }
    }

    // MARK: merge

    /// The given order, the reverse and three seeded shuffles.
    static let orders = 0..<5

    @Test("merge vectors hold for the given order, the reverse and seeded shuffles", arguments: Vectors.mergeFiles, Self.orders)
    func merge(_ file: String, order: Int) throws {
        let vector = try Vectors.decode(MergeCase.self, file)
        let changes = Self.permutation(vector.changes, order)
        let dir = TemporaryDirectory("vectors")
        let db = try Database(path: dir.file("merge.db"), mode: .create)
        try db.transaction {
            try db.execute(MergeSchema.historyDDL)
            try MergeSchema.reconcileTables(db, catalog: .standard, ownerDefault: "")
        }
        let engine = MergeEngine(db: db, catalog: .standard)
        for change in changes {
            _ = try db.transaction { try engine.apply(change) }
        }

        let columns = vector.catalog.comparedColumns
        let rows = try db.query("SELECT id, \(columns.map(Database.quote).joined(separator: ", ")) FROM project ORDER BY id")
        var actual: [String: [String: CellValue]] = [:]
        for r in rows {
            var values: [String: CellValue] = [:]
            for (i, name) in columns.enumerated() { values[name] = CellValue(r[i + 1]) }
            actual[r[0].text ?? ""] = values
        }
        #expect(Set(actual.keys) == Set(vector.expected.rows.keys), "\(file) order \(order): rows present")
        for (id, expectedRow) in vector.expected.rows {
            for (column, value) in expectedRow {
                #expect(actual[id]?[column] == value, "\(file) order \(order): \(id).\(column)")
            }
        }

        let conflicts = try engine.conflicts().map {
            ConflictEntry(
                table: $0.table, row: $0.rowID, unit: $0.unit, loser: $0.loser, winner: $0.winner,
                winnerDeleted: $0.winnerIsDeletion, resolvedBy: $0.resolvedBy)
        }
        #expect(conflicts.count == Set(conflicts).count, "\(file) order \(order): no duplicate conflict entries")
        #expect(Set(conflicts) == Set(vector.expected.conflicts), "\(file) order \(order): conflict log")
    }

    /// Order 0: as given; 1: reversed; 2…: shuffled with seed `order`.
    static func permutation(_ changes: [Change], _ order: Int) -> [Change] {
        switch order {
        case 0: return changes
        case 1: return changes.reversed()
        default:
            var g = SplitMix64(seed: UInt64(order) &* 0x9E37_79B9)
            return changes.shuffled(using: &g)
        }
    }

    // MARK: push

    @Test("push and pull vectors against a fresh central store", arguments: Vectors.pushFiles)
    func push(_ file: String) throws {
        let vector = try Vectors.decode(PushCase.self, file)
        let dir = TemporaryDirectory("vectors")
        let store = try SQLiteCentralStore(path: dir.file("central.db"), units: TestUnits.all)
        var tokens: [String: String] = [:]
        var answers: [Int: PushResponse] = [:]
        var cursors: [String: Int64] = [:]

        for (i, step) in vector.steps.enumerated() {
            let label = "\(file) step \(i) (\(step.step))"
            let token: String
            if let literal = step.token {
                token = literal
            } else {
                let office = try #require(step.office, "\(label): office or token")
                if tokens[office] == nil { tokens[office] = try store.createToken(office: office) }
                token = tokens[office]!
            }
            let expect = step.expect

            if let request = step.push {
                let result: Result<PushResponse, SyncFailure>
                do { result = .success(try store.push(request, token: token)) } catch { result = .failure(error) }
                switch result {
                case .success(let response):
                    #expect(expect.status == 200, "\(label): expected \(expect.status) \(expect.code ?? ""), got 200")
                    answers[i] = response
                    if let same = expect.sameResponseAsStep {
                        #expect(response == answers[same], "\(label): the stored answer of step \(same)")
                    }
                    if let want = expect.response {
                        #expect(response.batchID == want.batchID && response.seq == want.seq, "\(label): batch id and seq echoed")
                        #expect(response.accepted == want.accepted, "\(label): accepted")
                        let got = response.rejected.map {
                            ExpectedRejection(index: $0.index, table: $0.table, row: $0.rowID, unit: $0.unit, code: $0.code)
                        }
                        #expect(got == want.rejected, "\(label): rejected")
                        #expect(response.rejected.allSatisfy { !$0.reason.isEmpty }, "\(label): every rejection has a reason")
                        #expect(response.serverClock > .zero, "\(label): server clock")
                    }
                case .failure(let failure):
                    #expect(
                        failure.status == expect.status && failure.body.code == expect.code,
                        "\(label): expected \(expect.status) \(expect.code ?? "ok"), got \(failure.status) \(failure.body.code)")
                    #expect(!failure.body.message.isEmpty, "\(label): message")
                }
            } else {
                let query = try #require(step.pull, "\(label): a step is a push or a pull")
                var after = query.after ?? 0
                if let saved = query.afterSaved { after = try #require(cursors[saved], "\(label): saved cursor \(saved)") }
                let result: Result<PullResponse, SyncFailure>
                do { result = .success(try store.pull(after: after, limit: query.limit, token: token)) } catch { result = .failure(error) }
                switch result {
                case .success(let response):
                    #expect(expect.status == 200, "\(label): expected \(expect.status) \(expect.code ?? ""), got 200")
                    let got = response.changes.map {
                        ChangeIdentity(table: $0.table, row: $0.rowID, unit: $0.unit, clock: $0.clock, site: $0.site)
                    }
                    if let want = expect.changes { #expect(got == want, "\(label): changes") }
                    if let more = expect.more { #expect(response.more == more, "\(label): more") }
                    if let checksum = expect.checksum {
                        #expect(response.checksum == checksum && SyncProtocol.checksum(response.changes) == checksum, "\(label): checksum")
                    }
                    if let saved = expect.cursorEqualsSaved { #expect(response.cursor == cursors[saved], "\(label): cursor unchanged") }
                    #expect(response.cursor >= after, "\(label): the cursor never moves back")
                    if let name = step.saveCursorAs { cursors[name] = response.cursor }
                case .failure(let failure):
                    #expect(
                        failure.status == expect.status && failure.body.code == expect.code,
                        "\(label): expected \(expect.status) \(expect.code ?? "ok"), got \(failure.status) \(failure.body.code)")
                }
            }
        }

        for (table, rows) in vector.finalRows {
            for (id, columns) in rows {
                let names = columns.keys.sorted()
                let row = try store.query(
                    "SELECT \(names.map(Database.quote).joined(separator: ", ")) FROM \(Database.quote(table)) WHERE id = ?", [.text(id)]
                ).first
                let values = try #require(row, "\(file): \(table) \(id) exists")
                for (k, name) in names.enumerated() {
                    #expect(CellValue(values[k]) == columns[name], "\(file): \(table) \(id).\(name)")
                }
            }
        }
        for (table, ids) in vector.absentRows {
            for id in ids {
                #expect(
                    try store.query("SELECT 1 FROM \(Database.quote(table)) WHERE id = ?", [.text(id)]).isEmpty,
                    "\(file): \(table) \(id) absent")
            }
        }
    }
}

// MARK: - Locating and decoding the vectors

private enum Vectors {
    /// `Sync/vectors` under the package root (this file is `Tests/SyncTests/…`).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/Sync/vectors"
    }()

    static func jsonFiles(_ folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + folder)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { folder + "/" + $0 }
    }

    static let mergeFiles = jsonFiles("merge")
    static let pushFiles = jsonFiles("push")
    static let allFiles = ["checksum.json"] + mergeFiles + pushFiles

    static func decode<T: Decodable>(_ type: T.Type, _ file: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(contentsOf: URL(fileURLWithPath: root + "/" + file)))
    }

    /// Every JSON object in `json` that sits in a `changes` array (the wire changes of a vector), except
    /// under `expect` (where a pull's expected changes are identities only).
    static func changeObjects(in json: Any) -> [[String: Any]] {
        var out: [[String: Any]] = []
        func walk(_ v: Any, inChanges: Bool) {
            if let d = v as? [String: Any] {
                if inChanges { out.append(d); return }
                for (k, child) in d where k != "expect" { walk(child, inChanges: k == "changes" && child is [Any]) }
            } else if let a = v as? [Any] {
                for child in a { walk(child, inChanges: inChanges) }
            }
        }
        walk(json, inChanges: false)
        return out
    }
}

private struct ChecksumFile: Decodable {
    struct Case: Decodable {
        let name: String
        let changes: [Change]
        let checksum: String
    }
    let cases: [Case]
}

private struct ConflictEntry: Decodable, Hashable {
    let table: String
    let row: String
    let unit: String
    let loser: ChangeID
    let winner: ChangeID
    let winnerDeleted: Bool
    let resolvedBy: ChangeID?

    enum CodingKeys: String, CodingKey {
        case table, row, unit, loser, winner, winnerDeleted = "winner_deleted", resolvedBy = "resolved_by"
    }
}

private struct MergeCase: Decodable {
    struct Catalog: Decodable {
        let comparedColumns: [String]
        enum CodingKeys: String, CodingKey { case comparedColumns = "compared_columns" }
    }
    struct Expected: Decodable {
        let rows: [String: [String: CellValue]]
        let conflicts: [ConflictEntry]
    }
    let description: String
    let catalog: Catalog
    let changes: [Change]
    let expected: Expected
}

private struct ExpectedRejection: Decodable, Hashable {
    let index: Int
    let table: String
    let row: String
    let unit: String
    let code: String
}

private struct ChangeIdentity: Decodable, Hashable {
    let table: String
    let row: String
    let unit: String
    let clock: HybridTimestamp
    let site: SiteID
}

private struct PushCase: Decodable {
    struct Step: Decodable {
        let step: String
        let office: String?
        let token: String?
        let push: PushRequest?
        let pull: PullQuery?
        let expect: Expect
        let saveCursorAs: String?
        enum CodingKeys: String, CodingKey { case step, office, token, push, pull, expect, saveCursorAs = "save_cursor_as" }
    }
    struct PullQuery: Decodable {
        let after: Int64?
        let afterSaved: String?
        let limit: Int
        enum CodingKeys: String, CodingKey { case after, afterSaved = "after_saved", limit }
    }
    struct ExpectedPush: Decodable {
        let batchID: String
        let seq: Int64
        let accepted: Int
        let rejected: [ExpectedRejection]
        enum CodingKeys: String, CodingKey { case batchID = "batch_id", seq, accepted, rejected }
    }
    struct Expect: Decodable {
        let status: Int
        let code: String?
        let response: ExpectedPush?
        let sameResponseAsStep: Int?
        let changes: [ChangeIdentity]?
        let more: Bool?
        let checksum: String?
        let cursorEqualsSaved: String?
        enum CodingKeys: String, CodingKey {
            case status, code, response, changes, more, checksum
            case sameResponseAsStep = "same_response_as_step", cursorEqualsSaved = "cursor_equals_saved"
        }
    }
    let description: String
    let steps: [Step]
    let finalRows: [String: [String: [String: CellValue]]]
    let absentRows: [String: [String]]
    enum CodingKeys: String, CodingKey { case description, steps, finalRows = "final_rows", absentRows = "absent_rows" }
}

/// A small seeded generator, so shuffled delivery orders are the same on every run.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
