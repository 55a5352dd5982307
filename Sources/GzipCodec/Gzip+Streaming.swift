internal import CDistrictZlib

extension Gzip {
    /// Inflates `bytes` with zlib, a chunk at a time, failing once the output would pass `limit`: for a body
    /// whose trailer understates its size, where the whole-buffer path cannot size its output.
    static func inflateStreaming(_ bytes: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        var s = z_stream()
        guard cdistrict_inflate_init_gzip(&s) == Z_OK else { throw .corrupt }
        defer { inflateEnd(&s) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var rc: Int32 = Z_OK
        try bytes.withUnsafeBufferPointer { (inp: UnsafeBufferPointer<UInt8>) throws(Failure) in
            // zlib never writes through next_in.
            s.next_in = UnsafeMutablePointer(mutating: inp.baseAddress)
            s.avail_in = uInt(inp.count)
            repeat {
                let n: Int = chunk.withUnsafeMutableBufferPointer { c in
                    s.next_out = c.baseAddress
                    s.avail_out = uInt(c.count)
                    rc = inflate(&s, Z_NO_FLUSH)
                    return c.count - Int(s.avail_out)
                }
                guard rc == Z_OK || rc == Z_STREAM_END else { throw Failure.corrupt }
                guard out.count + n <= limit else { throw Failure.tooLarge(limit: limit) }
                out.append(contentsOf: chunk[0..<n])
                if rc == Z_OK && n == 0 && s.avail_in == 0 { throw Failure.corrupt }  // truncated
            } while rc != Z_STREAM_END
        }
        guard s.avail_in == 0 else { throw .corrupt }  // trailing garbage
        return out
    }
}
