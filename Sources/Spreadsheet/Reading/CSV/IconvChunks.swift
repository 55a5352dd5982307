import Glibc

/// GB18030 or UTF-16 text transcoded to UTF-8 with glibc's iconv, strictly (an invalid byte is an error, never U+FFFD).
final class IconvChunks: UTF8Chunks {
    private let file: FileBytes
    var fractionRead: Double { file.size > 0 ? min(1, Double(file.position) / Double(file.size)) : 1 }
    private let converter: iconv_t
    private let encoding: TextEncoding
    private var input: [UInt8] = []
    private var inputStart = 0
    private var atEnd = false
    private var pendingError: SpreadsheetError?
    private let chunkSize: Int

    init(file: FileBytes, encoding: TextEncoding, skip: Int, chunkSize: Int = 1 << 20) throws {
        self.file = file
        self.encoding = encoding
        self.chunkSize = chunkSize
        let from = switch encoding { case .gb18030: "GB18030"; case .utf16LE: "UTF-16LE"; case .utf16BE: "UTF-16BE"; case .utf8: "UTF-8" }
        converter = iconv_open("UTF-8", from)
        guard converter != iconv_t(bitPattern: -1) else {
            throw SpreadsheetError(.encodingUnknown, file: file.fileName, reason: "系统不支持 \(encoding.displayName) 编码转换（iconv）")
        }
        file.seek(to: Int64(skip))
    }

    deinit { iconv_close(converter) }

    func append(to buffer: inout [UInt8]) throws -> Bool {
        if let pendingError { throw pendingError }
        if inputStart >= input.count && atEnd { return false }
        if !atEnd {
            // Refill: keep the unconverted tail (an incomplete sequence) and read more behind it.
            input.removeFirst(inputStart)
            inputStart = 0
            let old = input.count
            input.append(contentsOf: repeatElement(0, count: chunkSize))
            var got = 0
            try input.withUnsafeMutableBytes { raw in
                guard let base = raw.baseAddress else { return }
                got = try file.read(into: base + old, count: chunkSize)
            }
            input.removeLast(chunkSize - got)
            if got == 0 { atEnd = true }
        }
        let pending = input.count - inputStart
        guard pending > 0 else { return false }
        let start = buffer.count
        let room = pending * 2 + 16
        buffer.append(contentsOf: repeatElement(0, count: room))
        var produced = 0
        var failure: Int32 = 0
        input.withUnsafeMutableBytes { inRaw in
            buffer.withUnsafeMutableBytes { outRaw in
                guard let inBase = inRaw.baseAddress, let outBase = outRaw.baseAddress else { return }
                var inPtr: UnsafeMutablePointer<CChar>? = (inBase + inputStart).assumingMemoryBound(to: CChar.self)
                var inLeft = pending
                var outPtr: UnsafeMutablePointer<CChar>? = (outBase + start).assumingMemoryBound(to: CChar.self)
                var outLeft = room
                if iconv(converter, &inPtr, &inLeft, &outPtr, &outLeft) == -1 { failure = errno }
                inputStart += pending - inLeft
                produced = room - outLeft
            }
        }
        buffer.removeLast(room - produced)
        switch failure {
        case 0, E2BIG:
            break
        case EINVAL where !atEnd:
            break   // an incomplete sequence at the chunk's end: completed by the next read
        default:
            let error = SpreadsheetError(.encodingInvalid, file: file.fileName,
                                         reason: "含有不是有效 \(encoding.displayName) 编码的字节，无法按此编码读取；请确认文件编码，或用 --encoding 指定")
            pendingError = error
            if produced == 0 { throw error }
        }
        return true
    }
}
