internal import CDistrictZlib

/// gzip compression for request and response bodies (zlib underneath), with an inflated-size bound so a
/// small hostile body can never expand into unbounded memory.
public enum Gzip {
    /// Why a body could not be inflated.
    public enum Failure: Error, Sendable, Equatable {
        /// Not gzip data, or corrupt, or truncated.
        case corrupt
        /// Inflating would exceed the bound.
        case tooLarge(limit: Int)
    }

    /// gzip-compresses `bytes` (level 6 by default).
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        var s = z_stream()
        guard cdistrict_deflate_init_gzip(&s, level) == Z_OK else { fatalError("zlib deflateInit2 failed") }
        defer { deflateEnd(&s) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&s, uLong(bytes.count))) + 32)
        var input = bytes
        let produced: Int = input.withUnsafeMutableBufferPointer { inp in
            out.withUnsafeMutableBufferPointer { o in
                s.next_in = inp.baseAddress
                s.avail_in = uInt(inp.count)
                s.next_out = o.baseAddress
                s.avail_out = uInt(o.count)
                let rc = deflate(&s, Z_FINISH)
                precondition(rc == Z_STREAM_END, "deflate with a bound-sized buffer must finish")
                return o.count - Int(s.avail_out)
            }
        }
        out.removeSubrange(produced...)
        return out
    }

    /// Inflates gzip `bytes`, failing once the output would pass `limit` bytes.
    public static func decompress(_ bytes: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        var s = z_stream()
        guard cdistrict_inflate_init_gzip(&s) == Z_OK else { throw .corrupt }
        defer { inflateEnd(&s) }
        var out: [UInt8] = []
        // The gzip trailer's size field (untrusted: capped by the limit and by deflate's densest ratio) sizes
        // the output once instead of growing it by copies.
        out.reserveCapacity(min(limit, Self.declaredSize(bytes), bytes.count.multipliedReportingOverflow(by: 1_032).partialValue))
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

    /// The uncompressed size a gzip member's trailer declares (modulo 2³²); 0 when too short to have one.
    static func declaredSize(_ bytes: [UInt8]) -> Int {
        guard bytes.count >= 18 else { return 0 }
        let n = bytes.count
        return Int(bytes[n - 4]) | Int(bytes[n - 3]) << 8 | Int(bytes[n - 2]) << 16 | Int(bytes[n - 1]) << 24
    }
}
