import Glibc

/// Guesses a CSV's encoding and delimiter from its first bytes.
enum CSVSniffer {
    /// The encoding and the length of its byte-order mark, or nil if the sample decodes in none.
    /// Order: BOM; then strict UTF-8; then GB18030 (superset of GBK and GB2312).
    static func encoding(sample: [UInt8], isWholeFile: Bool) -> (TextEncoding, bom: Int)? {
        if sample.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if sample.starts(with: [0xFF, 0xFE]) { return (.utf16LE, 2) }
        if sample.starts(with: [0xFE, 0xFF]) { return (.utf16BE, 2) }
        if sample.starts(with: [0x84, 0x31, 0x95, 0x33]) { return (.gb18030, 4) }
        if sample.contains(0) { return nil }   // UTF-16 without a BOM, or a binary file
        if isValidUTF8(sample, allowTruncatedEnd: !isWholeFile) { return (.utf8, 0) }
        if decodes(sample, from: "GB18030", allowTruncatedEnd: !isWholeFile) { return (.gb18030, 0) }
        return nil
    }

    static func isValidUTF8(_ bytes: [UInt8], allowTruncatedEnd: Bool) -> Bool {
        if String(validating: bytes, as: UTF8.self) != nil { return true }
        guard allowTruncatedEnd else { return false }
        for cut in 1...3 where bytes.count > cut {
            if String(validating: bytes.dropLast(cut), as: UTF8.self) != nil { return true }
        }
        return false
    }

    /// Whether `bytes` convert strictly from the named encoding (an incomplete last sequence allowed if asked).
    static func decodes(_ bytes: [UInt8], from encoding: String, allowTruncatedEnd: Bool) -> Bool {
        utf8(from: bytes, encoding: encoding, allowTruncatedEnd: allowTruncatedEnd) != nil
    }

    /// `bytes` converted to UTF-8 with iconv, or nil if they are invalid in `encoding`.
    static func utf8(from bytes: [UInt8], encoding: String, allowTruncatedEnd: Bool) -> [UInt8]? {
        convert(bytes, from: encoding, to: "UTF-8", allowTruncatedEnd: allowTruncatedEnd)
    }

    /// `bytes` converted between two encodings with iconv, or nil if they are invalid in `source` (an
    /// incomplete last sequence allowed if asked).
    static func convert(_ bytes: [UInt8], from source: String, to target: String, allowTruncatedEnd: Bool) -> [UInt8]? {
        let cd = iconv_open(target, source)
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var ok = true
        var produced = 0
        input.withUnsafeMutableBytes { inRaw in
            output.withUnsafeMutableBytes { outRaw in
                guard let inBase = inRaw.baseAddress, let outBase = outRaw.baseAddress else { return }
                var inPtr: UnsafeMutablePointer<CChar>? = inBase.assumingMemoryBound(to: CChar.self)
                var inLeft = inRaw.count
                var outPtr: UnsafeMutablePointer<CChar>? = outBase.assumingMemoryBound(to: CChar.self)
                var outLeft = outRaw.count
                if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 {
                    ok = errno == EINVAL && allowTruncatedEnd
                }
                produced = outRaw.count - outLeft
            }
        }
        guard ok else { return nil }
        output.removeLast(output.count - produced)
        return output
    }

    /// The delimiter among `,` `\t` `;` that splits the first records most consistently (comma if none does).
    static func delimiter(text: [UInt8], isWholeFile: Bool) -> UInt8 {
        let candidates: [UInt8] = [0x2C, 0x09, 0x3B]
        var perRecord: [[Int]] = []
        var counts = [0, 0, 0]
        var inQuotes = false
        var i = 0
        while i < text.count, perRecord.count < 30 {
            let b = text[i]
            if b == 0x22 {
                inQuotes.toggle()
            } else if !inQuotes, b == 0x0A || b == 0x0D {
                if counts != [0, 0, 0] || perRecord.isEmpty { perRecord.append(counts) }
                counts = [0, 0, 0]
                if b == 0x0D, i + 1 < text.count, text[i + 1] == 0x0A { i += 1 }
            } else if !inQuotes, let k = candidates.firstIndex(of: b) {
                counts[k] += 1
            }
            i += 1
        }
        if isWholeFile, counts != [0, 0, 0] { perRecord.append(counts) }
        var best: (score: Int, width: Int, delimiter: UInt8)?
        for (k, candidate) in candidates.enumerated() {
            let column = perRecord.map { $0[k] }.filter { $0 > 0 }
            guard !column.isEmpty else { continue }
            var frequency: [Int: Int] = [:]
            for c in column { frequency[c, default: 0] += 1 }
            guard let mode = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else { continue }
            if let current = best, (current.score, current.width) >= (mode.value, mode.key) { continue }
            best = (mode.value, mode.key, candidate)
        }
        return best?.delimiter ?? 0x2C
    }
}

extension CSVSniffer {
    /// UTF-8 text as GB18030 bytes (used to make test files), or nil if iconv cannot convert it.
    static func gb18030(_ text: String) -> [UInt8]? {
        convert(Array(text.utf8), from: "UTF-8", to: "GB18030", allowTruncatedEnd: false)
    }
}
