import CDistrictZlib

/// One zip entry's bytes, inflated chunk by chunk straight into the caller's buffer. Never trusts the
/// directory's sizes: counts the bytes as they come out and stops at the ratio and size limits.
final class ZipEntryStream {
    private let archive: ZipArchive
    let entry: ZipEntry
    private var inputOffset: Int64
    private var inputLeft: Int64
    private let input = UnsafeMutablePointer<UInt8>.allocate(capacity: ZipEntryStream.inputChunk)
    private var stream = z_stream()
    private var streamReady = false
    private var finished = false
    private var produced: Int64 = 0
    private var crc: UInt = 0
    static let inputChunk = 256 << 10

    init(archive: ZipArchive, entry: ZipEntry, dataOffset: Int64) throws {
        self.archive = archive
        self.entry = entry
        inputOffset = dataOffset
        inputLeft = entry.compressedSize
        crc = crc32(0, nil, 0)
        if entry.method == 8 {
            guard cdistrict_inflate_init_raw(&stream) == Z_OK else {
                throw archive.error(.zipCorrupt, "无法初始化解压（zlib）")
            }
            streamReady = true
        }
    }

    deinit {
        if streamReady { inflateEnd(&stream) }
        input.deallocate()
    }

    /// Fills up to `capacity` bytes at `destination`; returns how many (0 only at the end of the entry).
    func read(into destination: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
        guard !finished, capacity > 0 else { return 0 }
        let n = entry.method == 8 ? try inflate(into: destination, capacity: capacity) : try copy(into: destination, capacity: capacity)
        if n > 0 {
            crc = crc32(crc, destination, uInt(n))
            try account(Int64(n))
        }
        if finished, UInt32(truncatingIfNeeded: crc) != entry.crc32 {
            throw archive.error(.zipCorrupt, "文件已损坏：部件 \(entry.name) 校验和不符")
        }
        return n
    }

    private func account(_ n: Int64) throws {
        produced += n
        archive.unpackedSoFar += n
        if produced > entry.uncompressedSize {
            throw archive.error(.zipCorrupt, "文件已损坏：部件 \(entry.name) 解压后比目录记录的 \(entry.uncompressedSize) 字节更大")
        }
        if produced > archive.limits.ratioFloorBytes, produced / max(entry.compressedSize, 1) > Int64(archive.limits.maxCompressionRatio) {
            throw archive.error(.zipBomb, "部件 \(entry.name) 解压后超过压缩数据的 \(archive.limits.maxCompressionRatio) 倍（疑似“压缩炸弹”），拒绝读取")
        }
        if archive.unpackedSoFar > archive.limits.maxUnpackedBytes {
            throw archive.error(.zipTooLarge, "解压后的内容超过 \(archive.limits.maxUnpackedBytes >> 20) MB 的上限，拒绝读取")
        }
    }

    private func refillInput() throws {
        let count = Int(min(Int64(Self.inputChunk), inputLeft))
        let got = try archive.file.read(at: inputOffset, into: input, count: count)
        stream.next_in = input
        stream.avail_in = uInt(got)
        guard got == count else {
            throw archive.error(.zipTruncated, "文件不完整：部件 \(entry.name) 的数据被截断")
        }
        inputOffset += Int64(count)
        inputLeft -= Int64(count)
    }

    private func copy(into destination: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
        if inputLeft == 0 { finished = true; return 0 }
        let count = Int(min(Int64(capacity), inputLeft))
        let bytes = try archive.file.read(at: inputOffset, count: count)
        guard bytes.count == count else { throw archive.error(.zipTruncated, "文件不完整：部件 \(entry.name) 的数据被截断") }
        bytes.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { destination.update(from: base, count: count) }
        }
        inputOffset += Int64(count)
        inputLeft -= Int64(count)
        if inputLeft == 0 { finished = true }
        return count
    }

    private func inflate(into destination: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
        stream.next_out = destination
        stream.avail_out = uInt(min(capacity, Int(Int32.max)))
        while stream.avail_out > 0 {
            if stream.avail_in == 0 {
                if inputLeft == 0 {
                    throw archive.error(.zipTruncated, "文件不完整或已损坏：部件 \(entry.name) 的压缩数据提前结束")
                }
                try refillInput()
            }
            let status = CDistrictZlib.inflate(&stream, Z_NO_FLUSH)
            if status == Z_STREAM_END { finished = true; break }
            if status != Z_OK && !(status == Z_BUF_ERROR && stream.avail_in == 0) {
                throw archive.error(.zipCorrupt, "文件已损坏：部件 \(entry.name) 无法解压（zlib 错误 \(status)）")
            }
        }
        return capacity - Int(stream.avail_out)
    }
}
