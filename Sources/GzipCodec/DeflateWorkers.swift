internal import CDistrictDeflate
internal import Synchronization

/// libdeflate compressors and decompressors kept for reuse, each with a scratch buffer that keeps its
/// pages: a compressor's tables (hundreds of kB) and a body-sized output buffer allocated afresh for every
/// body were fresh memory for the kernel to zero each time. A worker serves one call at a time; at most
/// `kept` idle workers per level are kept, so memory stays bounded by the bodies in flight at once.
final class DeflateWorkers: Sendable {
    static let compressors = DeflateWorkers(kind: .compressor)
    static let decompressors = DeflateWorkers(kind: .decompressor)

    enum Kind { case compressor, decompressor }

    private let kind: Kind
    private let idle = Mutex<[Int32: [DeflateWorker]]>([:])
    private static let kept = 4

    private init(kind: Kind) { self.kind = kind }

    /// Runs `body` with an idle worker for `level` (a new one when none is idle), then keeps it.
    func with<T>(level: Int32, _ body: (DeflateWorker) -> T) -> T {
        let worker = idle.withLock { $0[level]?.popLast() } ?? DeflateWorker(kind: kind, level: level)
        defer {
            worker.releaseLargeScratch()
            idle.withLock { pool in
                if pool[level, default: []].count < Self.kept { pool[level, default: []].append(worker) }
            }
        }
        return body(worker)
    }
}

/// One libdeflate (de)compressor and its scratch buffer. Used by one thread at a time (`DeflateWorkers`).
final class DeflateWorker: @unchecked Sendable {
    /// What inflating a body into a buffer of a given capacity gave.
    enum Inflated {
        case inflated([UInt8])
        case corrupt
        /// The output needs more than the capacity.
        case outgrew
    }

    private let compressor: OpaquePointer?
    private let decompressor: OpaquePointer?
    private var scratch = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    /// Scratch above this size is given back after each call (a rare huge body must not stay resident).
    private static let keptScratch = 16 << 20

    init(kind: DeflateWorkers.Kind, level: Int32) {
        switch kind {
        case .compressor:
            guard let c = libdeflate_alloc_compressor(level) else { fatalError("libdeflate: no compressor for level \(level)") }
            (compressor, decompressor) = (c, nil)
        case .decompressor:
            guard let d = libdeflate_alloc_decompressor() else { fatalError("libdeflate: out of memory") }
            (compressor, decompressor) = (nil, d)
        }
    }

    deinit {
        libdeflate_free_compressor(compressor)
        libdeflate_free_decompressor(decompressor)
        scratch.deallocate()
    }

    /// `input` as one gzip member.
    func gzip(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let bound = libdeflate_gzip_compress_bound(compressor, input.count)
        guard bound <= Self.keptScratch else {
            // A huge body goes straight into its array: no scratch of its size, no second copy.
            return [UInt8](unsafeUninitializedCapacity: bound) { out, count in
                count = libdeflate_gzip_compress(compressor, input.baseAddress, input.count, out.baseAddress, bound)
                precondition(count > 0, "libdeflate: gzip into a bound-sized buffer must fit")
            }
        }
        reserveScratch(bound)
        let produced = libdeflate_gzip_compress(compressor, input.baseAddress, input.count, scratch.baseAddress, bound)
        precondition(produced > 0, "libdeflate: gzip into a bound-sized buffer must fit")
        return [UInt8](UnsafeRawBufferPointer(start: scratch.baseAddress, count: produced))
    }

    /// Inflates exactly one gzip member filling all of `input` into at most `capacity` bytes.
    func gunzip(_ input: UnsafeBufferPointer<UInt8>, capacity: Int) -> Inflated {
        guard capacity <= Self.keptScratch else {
            // A huge body inflates straight into its array (its pages are touched only as far as written).
            var outcome = Inflated.corrupt
            let out = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                var consumed = 0, produced = 0
                let rc = libdeflate_gzip_decompress_ex(decompressor, input.baseAddress, input.count, buffer.baseAddress, capacity,
                                                       &consumed, &produced)
                outcome = Self.outcome(rc, whole: consumed == input.count)
                count = produced
            }
            if case .inflated = outcome { return .inflated(out) }
            return outcome
        }
        reserveScratch(max(capacity, 1))
        var consumed = 0, produced = 0
        let rc = libdeflate_gzip_decompress_ex(decompressor, input.baseAddress, input.count, scratch.baseAddress, capacity,
                                               &consumed, &produced)
        let outcome = Self.outcome(rc, whole: consumed == input.count)
        guard case .inflated = outcome else { return outcome }
        return .inflated([UInt8](UnsafeRawBufferPointer(start: scratch.baseAddress, count: produced)))
    }

    /// What libdeflate's result means here (`whole`: it read all of the input; trailing bytes, whether a
    /// second member or garbage, make a body corrupt). A successful outcome carries no bytes yet.
    private static func outcome(_ rc: libdeflate_result, whole: Bool) -> Inflated {
        switch rc {
        case LIBDEFLATE_SUCCESS: whole ? .inflated([]) : .corrupt
        case LIBDEFLATE_INSUFFICIENT_SPACE: .outgrew
        default: .corrupt
        }
    }

    func releaseLargeScratch() {
        guard scratch.count > Self.keptScratch else { return }
        scratch.deallocate()
        scratch = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    }

    private func reserveScratch(_ n: Int) {
        guard scratch.count < n else { return }
        // Doubling (within what is kept) spares a regrowth per slightly larger body.
        let size = max(n, min(scratch.count * 2, Self.keptScratch))
        scratch.deallocate()
        scratch = .allocate(byteCount: size, alignment: 16)
    }
}
