import Foundation
import GzipCodec
import Testing

@Suite("gzip bodies")
struct GzipTests {
    @Test("compress then decompress gives the bytes back, and JSON shrinks")
    func roundTrip() throws {
        let json = Array(String(repeating: #"{"table":"project","row":"018bcfe5-6800-7000-8000-000000000001","unit":"name","values":{"name":"二七区全民健身运动中心"}},"#, count: 500).utf8)
        let gz = Gzip.compress(json)
        #expect(gz.count < json.count / 10)
        #expect(Array(gz.prefix(2)) == [0x1f, 0x8b])
        #expect(try Gzip.decompress(gz, limit: json.count) == json)
        #expect(try Gzip.decompress(Gzip.compress([]), limit: 0) == [])
    }

    @Test("a body inflating past the limit is refused (zip-bomb guard)")
    func bomb() {
        let zeros = [UInt8](repeating: 0, count: 10 << 20)
        let gz = Gzip.compress(zeros, level: 9)
        #expect(gz.count < 20_000)
        #expect(throws: Gzip.Failure.tooLarge(limit: 1 << 20)) { try Gzip.decompress(gz, limit: 1 << 20) }
    }

    @Test("garbage, truncated and trailing-garbage bodies are refused as corrupt")
    func corrupt() {
        let gz = Gzip.compress(Array("项目名称".utf8))
        #expect(throws: Gzip.Failure.corrupt) { try Gzip.decompress(Array("{\"not\":\"gzip\"}".utf8), limit: 100) }
        #expect(throws: Gzip.Failure.corrupt) { try Gzip.decompress(Array(gz.dropLast(5)), limit: 100) }
        #expect(throws: Gzip.Failure.corrupt) { try Gzip.decompress(gz + [1, 2, 3], limit: 100) }
    }

    @Test("a trailer that lies about the size changes nothing: the output is right or refused, never oversized")
    func lyingTrailer() throws {
        let text = Array(String(repeating: "金水区重大项目台账", count: 2_000).utf8)
        var gz = Gzip.compress(text)
        #expect(try Gzip.decompress(gz, limit: text.count) == text)
        // Claim 4 GB: the CRC/size check at the end refuses it; the claim only ever sizes the output buffer.
        gz.replaceSubrange((gz.count - 4)..., with: [0xff, 0xff, 0xff, 0xff])
        #expect(throws: Gzip.Failure.corrupt) { try Gzip.decompress(gz, limit: 1 << 30) }
    }

    @Test("a bomb whose trailer claims a small size is still stopped at the limit")
    func bombUnderstatingItsSize() {
        var gz = Gzip.compress([UInt8](repeating: 0, count: 10 << 20), level: 9)
        gz.replaceSubrange((gz.count - 4)..., with: [100, 0, 0, 0])  // "100 bytes"
        #expect(throws: Gzip.Failure.tooLarge(limit: 1 << 20)) { try Gzip.decompress(gz, limit: 1 << 20) }
        // Under a limit it fits in, the lie is found at the end: corrupt, nothing returned.
        #expect(throws: Gzip.Failure.corrupt) { try Gzip.decompress(gz, limit: 20 << 20) }
    }

    @Test("every level from stored (0) to 9 round-trips, and a higher level never grows the body")
    func levels() throws {
        let json = Array(String(repeating: #"{"row":"018bcfe5-6800-7000-8000-00000000000","values":{"name":"郑州市二七区","total_invest":125000}},"#, count: 300).utf8)
        var sizes: [Int] = []
        for level in Int32(0)...9 {
            let gz = Gzip.compress(json, level: level)
            #expect(try Gzip.decompress(gz, limit: json.count) == json, "level \(level)")
            sizes.append(gz.count)
        }
        #expect(sizes[0] > json.count)  // stored: framing only
        #expect(sizes[9] <= sizes[1] && sizes[1] < json.count / 5)
        #expect(try Gzip.decompress(Gzip.compress(json, level: 42), limit: json.count) == json)  // clamped to 9
    }

    @Test("a body bigger than a kept scratch buffer (16 MB) round-trips and is checked the same way")
    func hugeBody() throws {
        var g = SystemRandomNumberGenerator()
        let words = ["二七区", "金水区", "发改委", "商务局", "谋划库", "签约库", "12345", "\n"]
        var text: [UInt8] = []
        text.reserveCapacity(21 << 20)
        while text.count < 20 << 20 { text += Array(words[Int(g.next() % UInt64(words.count))].utf8) }
        let gz = Gzip.compress(text, level: 1)
        #expect(try Gzip.decompress(gz, limit: text.count) == text)
        #expect(throws: Gzip.Failure.tooLarge(limit: text.count - 1)) { try Gzip.decompress(gz, limit: text.count - 1) }
        var badCRC = gz
        badCRC[gz.count - 8] ^= 0xff
        #expect(throws: Gzip.Failure.corrupt) { try Gzip.decompress(badCRC, limit: text.count) }
        #expect(throws: Gzip.Failure.corrupt) { try Gzip.decompress(Array(gz.dropLast(8)), limit: text.count) }  // no trailer
        #expect(throws: Gzip.Failure.corrupt) { try Gzip.decompress(gz + [0], limit: text.count + 1) }
    }

    @Test("interoperates with the gzip command: it inflates ours, we inflate its")
    func gzipCommand() throws {
        let text = Array(String(repeating: "二七区 重大项目 谋划库 招引库 签约库 落地库\n", count: 3_000).utf8)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gzip-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ours = dir.appendingPathComponent("ours.gz"), plain = dir.appendingPathComponent("plain.txt")
        try Data(Gzip.compress(text, level: 1)).write(to: ours)
        try Data(text).write(to: plain)
        #expect(try Self.run("/bin/gzip", ["-dc", ours.path]) == text)
        let theirs = try Self.run("/bin/gzip", ["-9c", plain.path])
        #expect(try Gzip.decompress(theirs, limit: text.count) == text)
        // Two members back to back (`cat a.gz b.gz`) are not one body: refused, as trailing bytes are.
        #expect(throws: Gzip.Failure.corrupt) { try Gzip.decompress(theirs + theirs, limit: 2 * text.count) }
    }

    @Test("many threads compressing and inflating at once each get their own bytes back")
    func concurrent() async throws {
        let ok = await withTaskGroup(of: Bool.self) { group in
            for t in 0..<16 {
                group.addTask {
                    let body = Array(String(repeating: "线程\(t) 金水区商务局 签约项目\n", count: 200 + t * 50).utf8)
                    for level in [Int32(1), 6] {
                        guard (try? Gzip.decompress(Gzip.compress(body, level: level), limit: body.count)) == body else { return false }
                    }
                    return true
                }
            }
            return await group.allSatisfy { $0 }
        }
        #expect(ok)
    }

    private static func run(_ tool: String, _ arguments: [String]) throws -> [UInt8] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return [UInt8](data)
    }
}
