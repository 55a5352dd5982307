import Glibc

/// Strings written one after another to an unlinked temporary file and read back through `mmap`.
/// The pages live in the kernel's page cache; `dropResidentPages()` (`MADV_DONTNEED`) takes them out of
/// this process's resident set, so a million-row workbook's string table does not count against RSS.
final class SpilledStrings {
    private let fd: Int32
    private let fileName: String
    private var pending: [UInt8] = []
    private var written = 0
    private var offsets: [UInt32] = [0]
    private var mapping: UnsafeMutableRawPointer?
    private var mappedLength = 0

    init(fileName: String) throws {
        self.fileName = fileName
        let dir = ProcessInfoLite.temporaryDirectory
        var template = Array((dir + "/dsync-sst-XXXXXX").utf8CString)
        fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else {
            throw SpreadsheetError(.fileUnreadable, file: fileName, reason: "无法在 \(dir) 创建临时文件（共享字符串表）")
        }
        template.withUnsafeBufferPointer { buffer in if let base = buffer.baseAddress { unlink(base) } }
        pending.reserveCapacity(1 << 20)
    }

    deinit {
        if let mapping { munmap(mapping, mappedLength) }
        close(fd)
    }

    func append(_ text: String) throws {
        pending.append(contentsOf: text.utf8)
        let end = written + pending.count
        guard end <= Int(UInt32.max) else {
            throw SpreadsheetError(.zipTooLarge, file: fileName, reason: "共享字符串表超过 4 GB，拒绝读取")
        }
        offsets.append(UInt32(end))
        if pending.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        var done = 0
        try pending.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            while done < raw.count {
                let n = write(fd, base + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw SpreadsheetError(.fileUnreadable, file: fileName, reason: "写临时文件失败（\(String(cString: strerror(errno)))）")
                }
                done += n
            }
        }
        written += pending.count
        pending.removeAll(keepingCapacity: true)
    }

    func finish() throws {
        try flush()
        mappedLength = max(written, 1)
        if written == 0 { return }
        guard let map = mmap(nil, mappedLength, PROT_READ, MAP_SHARED, fd, 0), map != MAP_FAILED else {
            throw SpreadsheetError(.fileUnreadable, file: fileName, reason: "无法映射临时文件（共享字符串表）")
        }
        mapping = map
    }

    @inline(__always)
    func string(at index: Int) -> String {
        guard let mapping else { return "" }
        let start = Int(offsets[index])
        let end = Int(offsets[index + 1])
        return String(decoding: UnsafeRawBufferPointer(start: mapping + start, count: end - start), as: UTF8.self)
    }

    func dropResidentPages() {
        if let mapping { madvise(mapping, mappedLength, MADV_DONTNEED) }
    }
}

/// The temporary directory without Foundation.
enum ProcessInfoLite {
    static var temporaryDirectory: String {
        if let t = getenv("TMPDIR"), let s = String(validatingCString: t), !s.isEmpty { return s }
        return "/tmp"
    }
}
