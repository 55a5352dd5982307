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
            var g = SeededGenerator(state: UInt64(order) &* 0x9E37_79B9)
            return changes.shuffled(using: &g)
        }
    }

    // The push and pull vectors run against every central store: CentralStoreConformanceTests.
}

// MARK: - Locating and decoding the vectors

enum Vectors {
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

struct ChecksumFile: Decodable {
    struct Case: Decodable {
        let name: String
        let changes: [Change]
        let checksum: String
    }
    let cases: [Case]
}

struct ConflictEntry: Decodable, Hashable {
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

struct MergeCase: Decodable {
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

struct ExpectedRejection: Decodable, Hashable {
    let index: Int
    let table: String
    let row: String
    let unit: String
    let code: String
}

struct ChangeIdentity: Decodable, Hashable {
    let table: String
    let row: String
    let unit: String
    let clock: HybridTimestamp
    let site: SiteID
}

struct PushCase: Decodable {
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
