internal import CDistrictDeflate

/// gzip compression for request and response bodies, with an inflated-size bound so a small hostile body
/// can never expand into unbounded memory.
///
/// Bodies are whole buffers, so libdeflate does the work: on the anchor's push batches it compresses at
/// level 1 in about half zlib's time, a little smaller, and inflates in under half (`DeflateWorkers`).
/// zlib streams only the rare body whose size the fast path cannot trust (`inflateStreaming`).
public enum Gzip {
    /// Why a body could not be inflated.
    public enum Failure: Error, Sendable, Equatable {
        /// Not gzip data, or corrupt, or truncated.
        case corrupt
        /// Inflating would exceed the bound.
        case tooLarge(limit: Int)
    }

    /// gzip-compresses `bytes` at `level` (0, stored, to 9; 6 by default).
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        DeflateWorkers.compressors.with(level: min(max(level, 0), 9)) { worker in
            bytes.withUnsafeBufferPointer { worker.gzip($0) }
        }
    }

    /// Inflates gzip `bytes`, failing once the output would pass `limit` bytes.
    ///
    /// The trailer's size field (untrusted) sizes the output, capped by the limit and by deflate's densest
    /// ratio; libdeflate then checks the size and CRC the trailer declares against what it produced.
    public static func decompress(_ bytes: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        let limit = max(limit, 0)
        let capacity = min(limit, declaredSize(bytes), bytes.count.multipliedReportingOverflow(by: 1_032).partialValue)
        let outcome = DeflateWorkers.decompressors.with(level: 0) { worker in
            bytes.withUnsafeBufferPointer { worker.gunzip($0, capacity: capacity) }
        }
        switch outcome {
        case .inflated(let out): return out
        case .corrupt: throw .corrupt
        case .outgrew:
            // More than `capacity`: past the limit when that was the cap, else the trailer understated the
            // size (a body over 4 GB wraps it) — zlib streams it under the limit and says which.
            if capacity == limit { throw .tooLarge(limit: limit) }
            return try inflateStreaming(bytes, limit: limit)
        }
    }

    /// The uncompressed size a gzip member's trailer declares (modulo 2³²); 0 when too short to have one.
    static func declaredSize(_ bytes: [UInt8]) -> Int {
        guard bytes.count >= 18 else { return 0 }
        let n = bytes.count
        return Int(bytes[n - 4]) | Int(bytes[n - 3]) << 8 | Int(bytes[n - 2]) << 16 | Int(bytes[n - 1]) << 24
    }
}
