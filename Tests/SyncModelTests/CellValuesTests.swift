import DistrictTestSupport
import Foundation
import SyncModel
import Testing

@Suite("A change's values: sorted by the names' bytes, looked up like a dictionary")
struct CellValuesTests {
    static let names = ["name", "pool", "stage", "total_invest", "a", "ab", "abcdefgh", "abcdefgh_2", "A", "_x", "项目", "z", "é"]

    @Test("any sequence of sets and removals holds what a dictionary holds, keys in UTF-8 byte order")
    func matchesDictionary() {
        for seed in UInt64(1)...300 {
            var g = SeededGenerator(state: seed)
            var v = CellValues(), d: [String: CellValue] = [:]
            for _ in 0..<Int.random(in: 0...40, using: &g) {
                let k = Self.names.randomElement(using: &g)!
                let x: CellValue? = Int.random(in: 0..<4, using: &g) == 0 ? nil : .integer(Int64.random(in: -9...9, using: &g))
                v[k] = x
                d[k] = x
            }
            #expect(v.count == d.count, "seed \(seed)")
            #expect(v.dictionary == d, "seed \(seed)")
            for k in Self.names { #expect(v[k] == d[k], "seed \(seed) key \(k)") }
            #expect(v.keys == d.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, "seed \(seed)")
            #expect(CellValues(d) == v, "seed \(seed)")
        }
    }

    @Test("names compare by bytes: a precomposed and a decomposed é are two different columns")
    func bytesNotEquivalence() {
        var v = CellValues()
        v["é"] = .integer(1)
        v["e\u{301}"] = .integer(2)
        #expect(v.count == 2)
        #expect(v["é"] == .integer(1) && v["e\u{301}"] == .integer(2))
        #expect(CellValues.compare("e\u{301}", "é") < 0)
        #expect(CellValues.compare("ab", "abc") < 0 && CellValues.compare("abc", "ab") > 0 && CellValues.compare("ab", "ab") == 0)
    }

    @Test("Codable: the same JSON object a dictionary gives, and back")
    func codable() throws {
        let v: CellValues = ["pool": .text("谋划库"), "total_invest": .integer(1_200_000), "ratio": .real(0.5), "remark": .null]
        let data = try JSONEncoder().encode(v)
        let asDictionary = try JSONDecoder().decode([String: CellValue].self, from: data)
        #expect(asDictionary == v.dictionary)
        #expect(try JSONDecoder().decode(CellValues.self, from: data) == v)
        #expect(try JSONDecoder().decode(CellValues.self, from: JSONEncoder().encode(v.dictionary)) == v)
    }

    @Test("removing and replacing keep the order and the other values")
    func removeAndReplace() {
        var v: CellValues = ["c": .integer(3), "a": .integer(1), "b": .integer(2)]
        #expect(v.keys == ["a", "b", "c"])
        #expect(v.removeValue(forKey: "b") == .integer(2))
        #expect(v.removeValue(forKey: "b") == nil)
        v["a"] = .text("x")
        #expect(v.keys == ["a", "c"] && v.values == [.text("x"), .integer(3)])
        #expect(Array(v.map(\.key)) == ["a", "c"])
    }
}
