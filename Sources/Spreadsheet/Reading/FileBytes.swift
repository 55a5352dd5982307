import Glibc

/// A read-only file descriptor with sequential and positional reads. Errors name the file in Chinese.
final class FileBytes {
    let fileName: String
    let size: Int64
    private let fd: Int32
    /// The sequential read position (after `seek` and `read(into:count:)`), for progress reporting.
    private(set) var position: Int64 = 0

    init(path: String, fileName: String) throws {
        self.fileName = fileName
        fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = errno == ENOENT ? "文件不存在" : "无法打开文件（\(String(cString: strerror(errno)))）"
            throw SpreadsheetError(.fileUnreadable, file: fileName, reason: reason)
        }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            Glibc.close(fd)
            throw SpreadsheetError(.fileUnreadable, file: fileName, reason: "不是普通文件，无法读取")
        }
        size = Int64(st.st_size)
    }

    deinit { Glibc.close(fd) }

    /// Reads up to `count` bytes at the current position into `buffer[at...]`; returns the number read (0 at end).
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        while true {
            let n = Glibc.read(fd, buffer, count)
            if n >= 0 { position += Int64(n); return n }
            if errno == EINTR { continue }
            throw SpreadsheetError(.fileUnreadable, file: fileName, reason: "读取文件失败（\(String(cString: strerror(errno)))）")
        }
    }

    /// Moves the sequential read position to `offset`.
    func seek(to offset: Int64) {
        lseek(fd, off_t(offset), SEEK_SET)
        position = offset
    }

    /// Reads exactly `count` bytes at `offset` into `destination`; returns fewer only at the end of the file.
    func read(at offset: Int64, into destination: UnsafeMutableRawPointer, count: Int) throws -> Int {
        var done = 0
        while done < count {
            let n = pread(fd, destination + done, count - done, off_t(offset) + off_t(done))
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw SpreadsheetError(.fileUnreadable, file: fileName, reason: "读取文件失败（\(String(cString: strerror(errno)))）")
            }
            done += n
        }
        return done
    }

    /// Reads up to `count` bytes at `offset`; fewer only at the end of the file.
    func read(at offset: Int64, count: Int) throws -> [UInt8] {
        guard count > 0 else { return [] }
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        try out.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return }
            while done < count {
                let n = pread(fd, base + done, count - done, off_t(offset) + off_t(done))
                if n == 0 { break }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw SpreadsheetError(.fileUnreadable, file: fileName, reason: "读取文件失败（\(String(cString: strerror(errno)))）")
                }
                done += n
            }
        }
        out.removeLast(count - done)
        return out
    }

    /// The first `count` bytes of a file (fewer if it is shorter).
    static func prefix(path: String, count: Int, fileName: String) throws -> [UInt8] {
        try FileBytes(path: path, fileName: fileName).read(at: 0, count: count)
    }
}
