/// Supplies a CSV's text as UTF-8, chunk by chunk, whatever the file's encoding.
protocol UTF8Chunks: AnyObject {
    /// Appends the next decoded bytes to `buffer`. Returns false at the end of the text.
    /// Bytes invalid in the source encoding make it throw once everything before them has been handed out,
    /// so the caller's error names the row they are in.
    func append(to buffer: inout [UInt8]) throws -> Bool
    /// The file read so far (0…1).
    var fractionRead: Double { get }
}

/// The file's own bytes (UTF-8), after an optional BOM.
final class RawUTF8Chunks: UTF8Chunks {
    private let file: FileBytes
    var fractionRead: Double { file.size > 0 ? min(1, Double(file.position) / Double(file.size)) : 1 }
    private let chunkSize: Int

    init(file: FileBytes, skip: Int, chunkSize: Int = 1 << 20) throws {
        self.file = file
        self.chunkSize = chunkSize
        file.seek(to: Int64(skip))
    }

    func append(to buffer: inout [UInt8]) throws -> Bool {
        let start = buffer.count
        buffer.reserveCapacity(start + chunkSize)
        var got = 0
        buffer.append(contentsOf: repeatElement(0, count: chunkSize))
        try buffer.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return }
            got = try file.read(into: base + start, count: chunkSize)
        }
        buffer.removeLast(chunkSize - got)
        return got > 0
    }
}
