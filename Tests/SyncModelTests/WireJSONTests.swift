import DistrictTestSupport
import Foundation
@testable import SyncModel
import Testing

/// The hand-written wire codec against its references: Foundation's `Codable` conformances (the JSON
/// form) and the `JSONValue` tree decoder (what is accepted and every error message). The fast decoder
/// must give exactly the tree's answer — the same value or the same error — for any input.
@Suite("Wire JSON codec: fast path, tree and Codable agree")
struct WireJSONTests {
    // MARK: random wire values

    static func site(_ g: inout SeededGenerator) -> SiteID {
        SiteID(hex: (0..<32).map { _ in String("0123456789abcdef".randomElement(using: &g)!) }.joined())!
    }

    static func text(_ g: inout SeededGenerator) -> String {
        let pieces = ["a", "郑州", "\"", "\\", "\n", "\t", "\r", "\u{01}", "\u{1f}", "/", "😀", " ", "x_y", "é", "\u{7f}"]
        return (0..<Int.random(in: 0...6, using: &g)).map { _ in pieces.randomElement(using: &g)! }.joined()
    }

    static func cell(_ g: inout SeededGenerator) -> CellValue {
        switch Int.random(in: 0..<7, using: &g) {
        case 0: .null
        case 1: .integer(Int64.random(in: Int64.min...Int64.max, using: &g))
        case 2: .integer(Int64.random(in: -1000...1000, using: &g))
        case 3: .real([0.5, -1.25, 1e-7, 3.0, 123456.789, -0.0, 1e300].randomElement(using: &g)!)
        default: .text(text(&g))
        }
    }

    static func id(_ g: inout SeededGenerator) -> ChangeID {
        ChangeID(clock: HybridTimestamp(rawValue: Int64.random(in: 0...Int64.max, using: &g)), site: site(&g))
    }

    static func change(_ g: inout SeededGenerator) -> Change {
        var values = CellValues()
        let names = ["name", "pool", "stage", "total_invest", "a", "ab", "abcdefgh", "abcdefghi", "abcdefgh_2", "owner_unit_id", "项目", "z"]
        for _ in 0..<Int.random(in: 0...names.count, using: &g) { values[names.randomElement(using: &g)!] = cell(&g) }
        var c = Change(table: ["project", "enterprise", text(&g)].randomElement(using: &g)!, rowID: UUID().uuidString.lowercased(),
                       unit: ["*", "-", "name", text(&g)].randomElement(using: &g)!, values: values,
                       clock: HybridTimestamp(rawValue: Int64.random(in: 0...Int64.max, using: &g)), site: site(&g), office: "410103001")
        if Bool.random(using: &g) { c.base = id(&g) }
        if Int.random(in: 0..<4, using: &g) == 0 { c.seen = Dictionary(uniqueKeysWithValues: ["name", "pool", "*"].shuffled(using: &g).prefix(2).map { ($0, id(&g)) }) }
        if Int.random(in: 0..<4, using: &g) == 0 { c.resolves = (0..<Int.random(in: 0...2, using: &g)).map { _ in id(&g) } }
        return c
    }

    static func request(_ g: inout SeededGenerator, changes n: Int) -> PushRequest {
        PushRequest(batchID: UUID().uuidString.lowercased(), replica: site(&g), seq: Int64.random(in: 1...1_000_000, using: &g),
                    changes: (0..<n).map { _ in change(&g) })
    }

    // MARK: round trips

    @Test("encode then decode gives the same push request and pull answer, through the fast path", arguments: 0..<20)
    func roundTrip(seed: UInt64) throws {
        var g = SeededGenerator(state: seed)
        let request = Self.request(&g, changes: Int.random(in: 0...40, using: &g))
        let bytes = WireJSON.encode(request)
        let fast = try JSONParser.direct(bytes) { (p: inout JSONParser) throws(WireJSONError) in try p.directPushRequest() }
        #expect(fast == request)
        #expect(try WireJSON.decodePushRequest(bytes) == request)
        #expect(try WireJSON.treePushRequest(bytes) == request)
        #expect(try JSONDecoder().decode(PushRequest.self, from: Data(bytes)) == request)

        let pull = PullResponse(changes: request.changes, cursor: request.seq, more: Bool.random(using: &g))
        let pullBytes = WireJSON.encode(pull)
        let fastPull = try JSONParser.direct(pullBytes) { (p: inout JSONParser) throws(WireJSONError) in try p.directPullResponse() }
        #expect(fastPull == pull)
        #expect(try WireJSON.decodePullResponse(pullBytes) == pull)
        #expect(try JSONDecoder().decode(PullResponse.self, from: Data(pullBytes)) == pull)
        for c in request.changes {
            #expect(try WireJSON.decodeChange(WireJSON.encode(c)) == c)
        }
    }

    @Test("what Foundation's JSONEncoder writes decodes to the same value on both paths", arguments: 0..<10)
    func codableInput(seed: UInt64) throws {
        var g = SeededGenerator(state: seed &+ 1000)
        let request = Self.request(&g, changes: 12)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        let bytes = [UInt8](try encoder.encode(request))
        #expect(try WireJSON.decodePushRequest(bytes) == request)
        #expect(try WireJSON.treePushRequest(bytes) == request)
    }

    @Test("one change has one encoding: values ordered by key, whatever the dictionary's order")
    func canonicalOrder() {
        let keys = ["b", "a", "abcdefgh", "abcdefgh_2", "abcdefghi", "ab", "项目", "z", "A", "_x"]
        var values: [String: CellValue] = [:]
        for (n, k) in keys.enumerated() { values[k] = .integer(Int64(n)) }
        let c = Change(table: "t", rowID: "r", unit: "*", values: CellValues(values), clock: HybridTimestamp(rawValue: 1), site: SiteID(hex: String(repeating: "0", count: 32))!, office: "o")
        let json = String(decoding: WireJSON.encode(c), as: UTF8.self)
        let expected = keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { "\"\($0)\":\(values[$0]!.integerValue)" }.joined(separator: ",")
        #expect(json.contains("\"values\":{\(expected)}"))
        #expect(keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.prefix(8) == ["A", "_x", "a", "ab", "abcdefgh", "abcdefgh_2", "abcdefghi", "b"])
    }

    @Test("integers at the edges and escapes are written as JSON readers expect")
    func scalars() throws {
        for i: Int64 in [0, 9, 10, -1, -9, -10, Int64.max, Int64.min, 1_000_000_000_000_000_000] {
            var w = JSONWriter()
            w.integer(i)
            #expect(String(decoding: w.bytes, as: UTF8.self) == String(i))
        }
        var w = JSONWriter()
        w.string("a\"b\\c\nd\re\tf\u{01}g\u{1f}h/é")
        #expect(String(decoding: w.bytes, as: UTF8.self) == #""a\"b\\c\nd\re\tf\u0001g\u001fh/é""#)
        #expect(try JSONDecoder().decode(String.self, from: Data(w.bytes)) == "a\"b\\c\nd\re\tf\u{01}g\u{1f}h/é")
    }

    // MARK: the fast path gives the tree's answer on any input

    /// The tree's answer to `bytes` (value or error text) and the public decoder's must be the same.
    func expectSameAnswer(_ bytes: [UInt8], _ note: @autoclosure () -> String) {
        let tree = Result { () throws(WireJSONError) in try WireJSON.treePushRequest(bytes) }
        let public_ = Result { () throws(WireJSONError) in try WireJSON.decodePushRequest(bytes) }
        switch (tree, public_) {
        case (.success(let a), .success(let b)): #expect(a == b, "\(note())")
        case (.failure(let a), .failure(let b)): #expect(a.description == b.description, "\(note())")
        default: Issue.record("the paths disagree on \(note()): tree \(tree), public \(public_)")
        }
        // Whenever the fast path finishes on its own, it must agree with the tree.
        if let fast = try? JSONParser.direct(bytes, { (p: inout JSONParser) throws(WireJSONError) in try p.directPushRequest() }) {
            #expect((try? tree.get()) == fast, "fast path alone on \(note())")
        }
    }

    @Test("hand-written variants: unknown members, duplicates, escapes in keys, odd numbers and kinds")
    func variants() {
        let site = "5b1f0c2a9e8d47f6a3b2c1d0e9f8a7b6"
        let change = #"{"table":"project","row":"r1","unit":"name","values":{"name":"x"},"clock":5,"site":"\#(site)","office":"410103001"}"#
        func push(_ changes: String, extra: String = "") -> String {
            #"{"batch_id":"b","replica":"\#(site)","seq":1,"changes":[\#(changes)]\#(extra)}"#
        }
        let cases: [String] = [
            push(change),
            push(change, extra: #","future":{"deep":[1,2,{"x":null}]}"#),
            " \n" + push(change + " , " + change) + "\t",
            push(change.replacingOccurrences(of: #""unit":"name""#, with: #""unit":"name","unit":"pool""#)),
            push(change.replacingOccurrences(of: #""values":{"name":"x"}"#, with: #""values":{"name":"x","name":"y"}"#)),
            push(change.replacingOccurrences(of: #""table""#, with: #""t\u0061ble""#)),
            push(change.replacingOccurrences(of: #""clock":5"#, with: #""clock":5.0"#)),
            push(change.replacingOccurrences(of: #""clock":5"#, with: #""clock":1e3"#)),
            push(change.replacingOccurrences(of: #""clock":5"#, with: #""clock":12345678901234567890"#)),
            push(change.replacingOccurrences(of: #""clock":5"#, with: #""clock":123456789012345678"#)),
            push(change.replacingOccurrences(of: #""clock":5"#, with: #""clock":-0"#)),
            push(change.replacingOccurrences(of: #""clock":5"#, with: #""clock":"5""#)),
            push(change.replacingOccurrences(of: #""name":"x""#, with: #""name":2.0"#)),
            push(change.replacingOccurrences(of: #""name":"x""#, with: #""name":2.5"#)),
            push(change.replacingOccurrences(of: #""name":"x""#, with: #""name":{"r":2}"#)),
            push(change.replacingOccurrences(of: #""name":"x""#, with: #""name":{"r":2,"s":1}"#)),
            push(change.replacingOccurrences(of: #""name":"x""#, with: #""name":{"\u0072":2.5}"#)),
            push(change.replacingOccurrences(of: #""name":"x""#, with: #""name":true"#)),
            push(change.replacingOccurrences(of: #""name":"x""#, with: #""name":[1]"#)),
            push(change.replacingOccurrences(of: #""name":"x""#, with: #""name":1e400"#)),
            push(change.replacingOccurrences(of: #""office""#, with: #""base":null,"office""#)),
            push(change.replacingOccurrences(of: #""office""#, with: #""base":{"clock":3,"site":"\#(site)","x":1},"office""#)),
            push(change.replacingOccurrences(of: #""office""#, with: #""base":{"clock":3,"clock":4,"site":"\#(site)"},"office""#)),
            push(change.replacingOccurrences(of: #""office""#, with: #""base":7,"office""#)),
            push(change.replacingOccurrences(of: #""office""#, with: #""seen":null,"resolves":{},"office""#)),
            push(change.replacingOccurrences(of: #""office""#, with: #""seen":{"a":{"clock":1,"site":"\#(site)"},"a":{"clock":2,"site":"\#(site)"}},"office""#)),
            push(change.replacingOccurrences(of: #""office""#, with: #""resolves":[{"clock":1,"site":"\#(site)"}],"office""#)),
            push(change.replacingOccurrences(of: #""office""#, with: #""resolves":[],"seen":{},"office""#)),
            push(change.replacingOccurrences(of: #""site":"\#(site)""#, with: #""site":"ABC""#)),
            push(change.replacingOccurrences(of: #","office":"410103001""#, with: "")),
            push(change.replacingOccurrences(of: #""values":{"name":"x"}"#, with: #""values":[]"#)),
            push("{}"),
            push("1"),
            push(""),
            #"{"batch_id":"b","batch_id":"c","replica":"\#(site)","seq":1,"changes":[]}"#,
            #"{"batch_id":"b","replica":"\#(site)","seq":1}"#,
            #"[]"#, "", "{", "null", push(change) + "x", push(change) + "{}",
            push(String(repeating: "[", count: 70) + String(repeating: "]", count: 70)),
            push(change, extra: #","deep":"# + String(repeating: "[", count: 61) + String(repeating: "]", count: 61)),
            push(change, extra: #","deep":"# + String(repeating: "[", count: 62) + String(repeating: "]", count: 62)),
            push(change.replacingOccurrences(of: #""name":"x""#, with: "\"name\":\"a\u{01}b\"")),
            push(change.replacingOccurrences(of: #""name":"x""#, with: #""name":"a\u00e9\ud83d\ude00\n""#)),
            push(change.replacingOccurrences(of: #""name":"x""#, with: #""name":"\ud83d""#)),
        ]
        for (n, text) in cases.enumerated() { expectSameAnswer(Array(text.utf8), "case \(n): \(text.prefix(300))") }
    }

    @Test("random byte mutations of a valid body: the same value or the same error as the tree", arguments: 0..<8)
    func mutations(seed: UInt64) {
        var g = SeededGenerator(state: seed &+ 77)
        let valid = WireJSON.encode(Self.request(&g, changes: 3))
        let alphabet = Array(#"{}[]:,"\ -.0123456789eEtrufalsn xr"#.utf8) + [0x00, 0x1f, 0xc3, 0xff]
        for round in 0..<250 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...3, using: &g) {
                let at = Int.random(in: 0..<bytes.count, using: &g)
                switch Int.random(in: 0..<4, using: &g) {
                case 0: bytes[at] = alphabet.randomElement(using: &g)!
                case 1: bytes.remove(at: at)
                case 2: bytes.insert(alphabet.randomElement(using: &g)!, at: at)
                default:
                    let end = min(bytes.count, at + Int.random(in: 1...40, using: &g))
                    bytes.insert(contentsOf: bytes[at..<end], at: at)
                }
                if bytes.isEmpty { break }
            }
            expectSameAnswer(bytes, "seed \(seed) round \(round): \(String(decoding: bytes, as: UTF8.self).prefix(200))")
        }
    }

    @Test("pull answers and single changes: the same value or error as the tree on variants")
    func pullAndChangeVariants() {
        var g = SeededGenerator(state: 4242)
        let pull = PullResponse(changes: (0..<3).map { _ in Self.change(&g) }, cursor: 17, more: true)
        var inputs = [WireJSON.encode(pull)]
        let text = String(decoding: inputs[0], as: UTF8.self)
        inputs.append(Array(text.replacingOccurrences(of: #""more":true"#, with: #""more":1"#).utf8))
        inputs.append(Array(text.replacingOccurrences(of: #""more":true"#, with: #""more":true,"more":false"#).utf8))
        inputs.append(Array(text.replacingOccurrences(of: #""cursor":17"#, with: #""cursor":17,"extra":[{}]"#).utf8))
        inputs.append(Array(text.replacingOccurrences(of: #""checksum""#, with: #""checksum_":1,"checksum""#).utf8))
        for (n, bytes) in inputs.enumerated() {
            let tree = Result { () throws(WireJSONError) in try WireJSON.treePullResponse(bytes) }
            let public_ = Result { () throws(WireJSONError) in try WireJSON.decodePullResponse(bytes) }
            switch (tree, public_) {
            case (.success(let a), .success(let b)): #expect(a == b, "pull \(n)")
            case (.failure(let a), .failure(let b)): #expect(a.description == b.description, "pull \(n)")
            default: Issue.record("pull \(n): tree \(tree), public \(public_)")
            }
        }
        for c in pull.changes {
            let bytes = WireJSON.encode(c)
            for variant in [bytes, Array(bytes.dropLast()), bytes + [0x20], Array("[".utf8) + bytes] {
                let tree = Result { () throws(WireJSONError) in try WireJSON.treeChange(variant) }
                let public_ = Result { () throws(WireJSONError) in try WireJSON.decodeChange(variant) }
                switch (tree, public_) {
                case (.success(let a), .success(let b)): #expect(a == b)
                case (.failure(let a), .failure(let b)): #expect(a.description == b.description)
                default: Issue.record("change: tree \(tree), public \(public_)")
                }
            }
        }
    }

    @Test("the batch checksum built line by line equals one CRC-32 over all lines")
    func checksum() {
        var g = SeededGenerator(state: 9)
        let changes = (0..<5).map { _ in Self.change(&g) }
        let lines = changes.map { "\($0.table)|\($0.rowID)|\($0.unit)|\($0.clock.rawValue)|\($0.site.hex)\n" }.joined()
        let crc = CRC32.checksum(Array(lines.utf8))
        #expect(SyncProtocol.checksum(changes) == String(format: "%08x", crc))
        #expect(SyncProtocol.checksum([]) == "00000000")
    }
}

extension CellValue {
    fileprivate var integerValue: Int64 { if case .integer(let i) = self { i } else { -1 } }
}

@Suite("A push request's changes in wire form, prepared ahead")
struct PreparedWireChangesTests {
    @Test("prepared bytes are each change's encoding; preparing changes neither equality nor what is sent")
    func prepared() throws {
        var g = SeededGenerator(state: 11)
        let changes = (0..<20).map { _ in WireJSONTests.change(&g) }
        let plain = PushRequest(batchID: "b", replica: changes[0].site, seq: 1, changes: changes)
        var prepared = plain
        prepared.prepareWireChanges()
        for i in changes.indices {
            #expect(prepared.wireChange(i) == WireJSON.encode(changes[i]))
            #expect(plain.wireChange(i) == WireJSON.encode(changes[i]))
        }
        #expect(prepared == plain && prepared.hashValue == plain.hashValue)
        #expect(WireJSON.encode(prepared) == WireJSON.encode(plain))
        let sorted = JSONEncoder()
        sorted.outputFormatting = .sortedKeys
        #expect(try sorted.encode(prepared) == sorted.encode(plain))
        // Changes edited after preparing are encoded afresh.
        var edited = prepared
        edited.changes.removeLast()
        #expect(edited.wireChange(0) == WireJSON.encode(changes[0]))
    }
}
