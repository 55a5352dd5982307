import DistrictTestSupport
import Foundation
@testable import SyncModel
import Testing

/// The eight-bytes-at-a-time scan for a JSON string's plain run, against a byte loop, and the writer and
/// parser built on it against Foundation on long strings (where the eight-byte path runs).
@Suite("JSON string scanning")
struct JSONScanTests {
    static func reference(_ bytes: [UInt8], from start: Int) -> Int {
        var i = start
        while i < bytes.count, !(bytes[i] < 0x20 || bytes[i] == 0x22 || bytes[i] == 0x5c) { i += 1 }
        return i
    }

    @Test("the scan stops where a byte loop stops, from every start, whatever the bytes around")
    func matchesByteLoop() {
        var g = SeededGenerator(state: 2026)
        // Bytes next to the edges of each test: below, at and above 0x20, 0x22, 0x5c, and high bytes.
        let pool: [UInt8] = [0x00, 0x01, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x5b, 0x5c, 0x5d, 0x41, 0x7f, 0x80, 0x9f, 0xa0, 0xe4, 0xff]
        for _ in 0..<3_000 {
            let n = Int.random(in: 0...40, using: &g)
            let plain = Int.random(in: 0...3, using: &g) > 0
            let bytes = (0..<n).map { _ in plain && Int.random(in: 0..<10, using: &g) > 0 ? UInt8.random(in: 0x23...0x5b, using: &g) : pool.randomElement(using: &g)! }
            for start in 0...n {
                let got = bytes.withUnsafeBufferPointer { JSONScan.plainEnd($0, from: start) }
                #expect(got == Self.reference(bytes, from: start), "\(bytes) from \(start)")
            }
        }
    }

    @Test("long strings with escapes anywhere come back unchanged through the writer, Foundation and the parser")
    func longStrings() throws {
        var g = SeededGenerator(state: 7)
        let pieces = ["郑州市二七区", "a", "\"", "\\", "\n", "\u{01}", "\u{1f}", "/", "😀", "项目名称", "0123456789", "\t"]
        for _ in 0..<500 {
            let s = (0..<Int.random(in: 0...30, using: &g)).map { _ in pieces.randomElement(using: &g)! }.joined()
            var w = JSONWriter(capacity: 64)
            w.string(s)
            let viaFoundation = try JSONSerialization.jsonObject(with: Data(w.bytes), options: .fragmentsAllowed) as? String
            #expect(viaFoundation == s)
            let c = Change(table: "project", rowID: "01906b00-0000-7000-8000-000000000001", unit: "name", values: ["name": .text(s)],
                           clock: HybridTimestamp(rawValue: 1), site: SiteID(hex: "5b1f0c2a9e8d47f6a3b2c1d0e9f8a7b6")!, office: "410103001")
            #expect(try WireJSON.decodeChange(WireJSON.encode(c)) == c)
        }
    }

    @Test("a raw control character in a long string is refused wherever it sits")
    func controlCharacterRefused() {
        for at in 0..<24 {
            var text = Array(String(repeating: "x", count: 24).utf8)
            text[at] = 0x01
            let json = Array(#"{"table":"project","row":"r","unit":"name","values":{"name":""#.utf8) + text + Array(#""},"clock":1,"site":"5b1f0c2a9e8d47f6a3b2c1d0e9f8a7b6","office":"x"}"#.utf8)
            #expect(throws: WireJSONError.self, "at \(at)") { try WireJSON.decodeChange(json) }
        }
    }
}
