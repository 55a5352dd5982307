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
}
