import Glibc

/// A streaming pull tokenizer for the XML parts of an xlsx: start tags (with their attribute bytes), end tags
/// and text, read from a zip entry in chunks. Byte offsets in the returned tokens index `bytes` and stay valid
/// until the next call. Refuses `<!DOCTYPE` (entity expansion attacks); skips comments and processing
/// instructions; hands CDATA out as text. A text run longer than `maxTextBytes` is skipped and reported as
/// `.oversizedText` so one huge cell cannot make the buffer grow without bound.
final class XMLTokenizer {
    enum Token {
        case start(name: Range<Int>, attributes: Range<Int>, selfClosing: Bool)
        case end(name: Range<Int>)
        case text(Range<Int>, cdata: Bool)
        case oversizedText(byteCount: Int)
        case endOfDocument
    }

    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    private var position = 0
    private var atEnd = false
    private let source: ZipEntryStream
    let partName: String
    let fileName: String
    let maxTextBytes: Int
    static let chunk = 1 << 20

    init(source: ZipEntryStream, fileName: String, maxTextBytes: Int) {
        self.source = source
        partName = source.entry.name
        self.fileName = fileName
        self.maxTextBytes = maxTextBytes
        capacity = Self.chunk * 2
        bytes = .allocate(capacity: capacity)
    }

    deinit { bytes.deallocate() }

    func malformed(_ reason: String) -> SpreadsheetError {
        SpreadsheetError(.xmlMalformed, file: fileName, reason: "部件 \(partName) 不是有效的 XML：\(reason)")
    }

    /// Moves unread bytes from `keepFrom` to the front and reads more. Returns false at the end of the part.
    private func refill(keepFrom: Int) throws -> Bool {
        if atEnd { return false }
        let kept = count - keepFrom
        if keepFrom > 0 {
            if kept > 0 { memmove(bytes, bytes + keepFrom, kept) }
            count = kept
            position -= keepFrom
        }
        if capacity - count < Self.chunk {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: bytes, count: count)
            bytes.deallocate()
            bytes = bigger
            capacity *= 2
        }
        let n = try source.read(into: bytes + count, capacity: capacity - count)
        if n == 0 { atEnd = true; return false }
        count += n
        return true
    }

    /// The next token.
    func next() throws -> Token {
        while true {
            if position >= count {
                if try !refill(keepFrom: count) { return .endOfDocument }
                continue
            }
            if bytes[position] != 0x3C {
                let start = position
                if let lt = memchr(bytes + start, 0x3C, count - start) {
                    let end = bytes.distance(to: lt.assumingMemoryBound(to: UInt8.self))
                    position = end
                    return .text(start..<end, cdata: false)
                }
                if count - start > maxTextBytes { return try skipOversizedText(from: start) }
                if try !refill(keepFrom: start) {
                    let tail = position..<count   // refill moved the bytes: `position` is where `start` was
                    position = count
                    return .text(tail, cdata: false)
                }
                continue
            }
            if let token = try tag() { return token }
        }
    }

    private func skipOversizedText(from start: Int) throws -> Token {
        var skipped = count - start
        position = count
        while try refill(keepFrom: count) {
            if let lt = memchr(bytes + position, 0x3C, count - position) {
                let end = bytes.distance(to: lt.assumingMemoryBound(to: UInt8.self))
                skipped += end - position
                position = end
                return .oversizedText(byteCount: skipped)
            }
            skipped += count - position
            position = count
        }
        return .oversizedText(byteCount: skipped)
    }

    /// Parses the tag at `position`, or returns nil after skipping a comment or processing instruction.
    private func tag() throws -> Token? {
        let start = position
        while true {
            if start + 1 < count {
                switch bytes[start + 1] {
                case 0x2F: // </name>
                    if let gt = find(0x3E, from: start + 2) {
                        position = gt + 1
                        return .end(name: trimmedName(start + 2, gt))
                    }
                case 0x3F: // <? … ?>
                    if let end = find([0x3F, 0x3E], from: start + 2) { position = end + 2; return nil }
                case 0x21: // <!-- -->, <![CDATA[ ]]>, <!DOCTYPE
                    if count - start >= 9 {
                        if bytes[start + 2] == 0x2D, bytes[start + 3] == 0x2D {
                            if let end = find([0x2D, 0x2D, 0x3E], from: start + 4) { position = end + 3; return nil }
                        } else if matches("<![CDATA[", at: start) {
                            if let end = find([0x5D, 0x5D, 0x3E], from: start + 9) {
                                position = end + 3
                                return .text((start + 9)..<end, cdata: true)
                            }
                        } else {
                            throw SpreadsheetError(.xmlDoctype, file: fileName,
                                                   reason: "部件 \(partName) 含有 <!DOCTYPE> 声明（Excel 从不写入，可能是“实体膨胀”攻击文件），拒绝读取")
                        }
                    }
                default:
                    if let gt = findTagEnd(from: start + 1) {
                        position = gt + 1
                        let selfClosing = bytes[gt - 1] == 0x2F
                        var nameEnd = start + 1
                        while nameEnd < gt, !Self.isSpace(bytes[nameEnd]), bytes[nameEnd] != 0x2F { nameEnd += 1 }
                        return .start(name: (start + 1)..<nameEnd, attributes: nameEnd..<(selfClosing ? gt - 1 : gt), selfClosing: selfClosing)
                    }
                }
            }
            if count - start > maxTextBytes + 65_536 { throw malformed("标签过长或没有结束") }
            if try !refill(keepFrom: start) { throw malformed("在标签中间结束（文件不完整）") }
            return try tag()
        }
    }

    private func trimmedName(_ from: Int, _ to: Int) -> Range<Int> {
        var end = to
        while end > from, Self.isSpace(bytes[end - 1]) { end -= 1 }
        return from..<end
    }

    private func find(_ byte: UInt8, from: Int) -> Int? {
        guard from < count, let hit = memchr(bytes + from, Int32(byte), count - from) else { return nil }
        return bytes.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    private func find(_ needle: [UInt8], from: Int) -> Int? {
        guard let first = needle.first else { return nil }
        var i = from
        while i + needle.count <= count, let hit = memchr(bytes + i, Int32(first), count - i) {
            let at = bytes.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            guard at + needle.count <= count else { return nil }
            if needle.withUnsafeBytes({ raw in raw.baseAddress.map { memcmp(bytes + at, $0, needle.count) } ?? 1 }) == 0 { return at }
            i = at + 1
        }
        return nil
    }

    /// The `>` closing a start tag, skipping quoted attribute values (which may contain `>`).
    @inline(__always)
    private func findTagEnd(from: Int) -> Int? {
        var i = from
        while i < count {
            let b = bytes[i]
            if b == 0x3E { return i }
            if b == 0x22 || b == 0x27 {
                i += 1
                while i < count, bytes[i] != b { i += 1 }
            }
            i += 1
        }
        return nil
    }

    private func matches(_ text: StaticString, at offset: Int) -> Bool {
        let n = text.utf8CodeUnitCount
        guard offset + n <= count else { return false }
        return memcmp(bytes + offset, text.utf8Start, n) == 0
    }

    /// Skips ahead to the first occurrence of `needle` (e.g. `<mergeCells`), leaving it to be tokenized next.
    /// Returns false if the part ends first.
    func skip(to needle: [UInt8]) throws -> Bool {
        while true {
            if let hit = find(needle, from: position) { position = hit; return true }
            let keep = max(position, count - needle.count + 1)
            position = keep
            if try !refill(keepFrom: keep) { return false }
        }
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    /// The local name (after any `x:` prefix) equals `name`.
    @inline(__always)
    func name(_ range: Range<Int>, is name: StaticString) -> Bool {
        var start = range.lowerBound
        if let colon = memchr(bytes + start, 0x3A, range.count) {
            start = bytes.distance(to: colon.assumingMemoryBound(to: UInt8.self)) + 1
        }
        let n = name.utf8CodeUnitCount
        return range.upperBound - start == n && memcmp(bytes + start, name.utf8Start, n) == 0
    }

    /// The raw value of attribute `name` (local name, prefix ignored) in a start tag's attribute bytes.
    func attribute(_ name: StaticString, in range: Range<Int>) -> Range<Int>? {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            while i < end, Self.isSpace(bytes[i]) { i += 1 }
            let nameStart = i
            while i < end, bytes[i] != 0x3D, !Self.isSpace(bytes[i]) { i += 1 }
            let nameRange = nameStart..<i
            while i < end, bytes[i] != 0x22, bytes[i] != 0x27 { i += 1 }
            guard i < end else { return nil }
            let quote = bytes[i]
            i += 1
            let valueStart = i
            while i < end, bytes[i] != quote { i += 1 }
            let value = valueStart..<i
            i += 1
            if !nameRange.isEmpty, self.name(nameRange, is: name) { return value }
        }
        return nil
    }

    /// An attribute's decoded text.
    func attributeText(_ name: StaticString, in range: Range<Int>) throws -> String? {
        guard let value = attribute(name, in: range) else { return nil }
        return try text(value)
    }

    /// Decoded text (entities, character references, `_xHHHH_` escapes).
    func text(_ range: Range<Int>, cdata: Bool = false) throws -> String {
        guard let s = XMLText.decode(UnsafeBufferPointer(start: bytes + range.lowerBound, count: range.count), entities: !cdata) else {
            throw malformed("文字不是有效的 UTF-8 或含有无效的字符引用")
        }
        return s
    }
}
