#if canImport(Glibc)
import Glibc
#endif

/// The fields of one CSV row, NUL-terminated in place inside the reader's buffer (no copy, no `String`).
struct RawCSVRow {
    fileprivate var base: UnsafeMutablePointer<CChar>
    /// Offset of each field's first byte and of its terminating NUL, from `base`.
    fileprivate var starts: [Int] = []
    fileprivate var ends: [Int] = []

    var count: Int { starts.count }

    /// Calls `body` with each field's index and bytes (terminating NUL included), in order.
    func forEachField(_ body: (Int, UnsafeBufferPointer<CChar>) throws -> Void) throws {
        for i in 0..<starts.count {
            try body(i, UnsafeBufferPointer(start: base + starts[i], count: ends[i] - starts[i] + 1))
        }
    }
}

/// An RFC 4180 reader that streams a file through a 1 MiB buffer (quoted fields, `""`, CRLF) and parses
/// each record in place, as the C anchor's `csvread.h` does; memory stays bounded by the longest record.
enum StreamingCSV {
    /// Hands each row's fields to `body`; the bytes are valid only during the call.
    static func forEachRawRow(_ path: String, _ body: (RawCSVRow) throws -> Void) throws {
        guard let file = fopen(path, "rb") else { throw BenchError("cannot open \(path)") }
        defer { fclose(file) }
        var capacity = 1 << 20
        var buffer = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var length = 0, position = 0, atEnd = false
        var row = RawCSVRow(base: buffer)
        row.starts.reserveCapacity(64)
        row.ends.reserveCapacity(64)
        while true {
            // Find the end of the record starting at `position`, refilling the buffer as needed.
            var end = -1, scan = position, quoted = false
            while end < 0 {
                while scan < length {
                    let c = buffer[scan]
                    if c == 34 { quoted.toggle() } else if c == 10 && !quoted { end = scan; break }
                    scan += 1
                }
                if end >= 0 { break }
                if atEnd { end = length; break }
                if position > 0 {
                    memmove(buffer, buffer + position, length - position)
                    length -= position; scan -= position; position = 0
                }
                if length + 1 >= capacity {
                    let bigger = UnsafeMutablePointer<CChar>.allocate(capacity: capacity * 2)
                    bigger.update(from: buffer, count: length)
                    buffer.deallocate()
                    buffer = bigger
                    capacity *= 2
                }
                let n = fread(buffer + length, 1, capacity - 1 - length, file)
                if n == 0 { atEnd = true }
                length += n
            }
            if position >= length && atEnd { return }
            if position == 0 && end >= 3 && UInt8(bitPattern: buffer[0]) == 0xEF && UInt8(bitPattern: buffer[1]) == 0xBB
                && UInt8(bitPattern: buffer[2]) == 0xBF { position = 3 }  // a UTF-8 BOM before the header
            var stop = end
            if stop > position && buffer[stop - 1] == 13 { stop -= 1 }
            buffer[stop] = 0
            row.base = buffer
            row.starts.removeAll(keepingCapacity: true)
            row.ends.removeAll(keepingCapacity: true)
            var p = position
            while true {
                let start = p
                var out = p
                if buffer[p] == 34 {
                    p += 1
                    while p < stop {
                        if buffer[p] == 34 {
                            if p + 1 < stop && buffer[p + 1] == 34 { buffer[out] = 34; out += 1; p += 2; continue }
                            p += 1
                            break
                        }
                        buffer[out] = buffer[p]; out += 1; p += 1
                    }
                    while p < stop && buffer[p] != 44 { p += 1 }
                } else {
                    while p < stop && buffer[p] != 44 { p += 1 }
                    out = p
                }
                row.starts.append(start)
                row.ends.append(out)
                if p >= stop { buffer[out] = 0; break }
                buffer[out] = 0
                p += 1
            }
            try body(row)
            position = end + 1
        }
    }
}
