/// One file in a zip's central directory.
struct ZipEntry: Sendable {
    var name: String
    var method: UInt16
    var flags: UInt16
    var crc32: UInt32
    var compressedSize: Int64
    var uncompressedSize: Int64
    var localHeaderOffset: Int64
}

/// A zip archive read from its central directory (the layout of xlsx files), with limits against zip bombs.
final class ZipArchive {
    let file: FileBytes
    let limits: ReadLimits
    private(set) var entries: [String: ZipEntry] = [:]
    /// Unpacked bytes handed out so far over all entries (bounded by `limits.maxUnpackedBytes`).
    var unpackedSoFar: Int64 = 0

    var fileName: String { file.fileName }

    init(path: String, fileName: String, limits: ReadLimits) throws {
        file = try FileBytes(path: path, fileName: fileName)
        self.limits = limits
        try readDirectory()
    }

    func error(_ code: SpreadsheetError.Code, _ reason: String) -> SpreadsheetError {
        SpreadsheetError(code, file: file.fileName, reason: reason)
    }

    private func readDirectory() throws {
        let tailLength = Int(min(file.size, 22 + 65_535))
        let tail = try file.read(at: file.size - Int64(tailLength), count: tailLength)
        guard tail.count >= 22, let eocd = Self.lastIndex(of: [0x50, 0x4B, 0x05, 0x06], in: tail) else {
            throw error(.zipTruncated, "文件不完整或已损坏：找不到 xlsx（ZIP）的目录结尾，可能下载或复制时被截断；请重新获取原文件")
        }
        let entryCount = Int(tail.le16(eocd + 10))
        let directorySize = Int64(tail.le32(eocd + 12))
        let directoryOffset = Int64(tail.le32(eocd + 16))
        if entryCount == 0xFFFF || directoryOffset == 0xFFFF_FFFF {
            throw error(.zipUnsupported, "这是 ZIP64 格式的超大文件，暂不支持；请拆分后再导入")
        }
        guard entryCount <= limits.maxZipEntries else {
            throw error(.zipTooManyEntries, "压缩包内有 \(entryCount) 个文件，超过 \(limits.maxZipEntries) 个的上限，不像正常的 xlsx 文件")
        }
        guard directoryOffset + directorySize <= file.size - Int64(tail.count - eocd) else {
            throw error(.zipTruncated, "文件不完整或已损坏：ZIP 目录超出文件范围，可能被截断")
        }
        let directory = try file.read(at: directoryOffset, count: Int(directorySize))
        var p = 0
        for _ in 0..<entryCount {
            guard p + 46 <= directory.count, directory.le32(p) == 0x0201_4B50 else {
                throw error(.zipCorrupt, "文件已损坏：ZIP 目录记录无效")
            }
            let nameLength = Int(directory.le16(p + 28))
            let extraLength = Int(directory.le16(p + 30))
            let commentLength = Int(directory.le16(p + 32))
            guard p + 46 + nameLength <= directory.count else { throw error(.zipCorrupt, "文件已损坏：ZIP 目录记录无效") }
            let name = String(decoding: directory[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            let entry = ZipEntry(name: name, method: directory.le16(p + 10), flags: directory.le16(p + 8),
                                 crc32: directory.le32(p + 16), compressedSize: Int64(directory.le32(p + 20)),
                                 uncompressedSize: Int64(directory.le32(p + 24)), localHeaderOffset: Int64(directory.le32(p + 42)))
            entries[name] = entry
            p += 46 + nameLength + extraLength + commentLength
        }
    }

    /// A streaming reader over one entry's unpacked bytes.
    func open(_ entry: ZipEntry) throws -> ZipEntryStream {
        if entry.flags & 1 != 0 { throw error(.zipUnsupported, "文件已加密（设置了打开密码），请取消密码后再导入") }
        guard entry.method == 0 || entry.method == 8 else {
            throw error(.zipUnsupported, "部件 \(entry.name) 使用了不支持的压缩方式 \(entry.method)")
        }
        let header = try file.read(at: entry.localHeaderOffset, count: 30)
        guard header.count == 30, header.le32(0) == 0x0403_4B50 else {
            throw error(.zipCorrupt, "文件已损坏：部件 \(entry.name) 的数据头无效")
        }
        let dataOffset = entry.localHeaderOffset + 30 + Int64(header.le16(26)) + Int64(header.le16(28))
        guard dataOffset + entry.compressedSize <= file.size else {
            throw error(.zipTruncated, "文件不完整：部件 \(entry.name) 的数据超出文件结尾，可能被截断；请重新获取原文件")
        }
        let declaredRatio = entry.uncompressedSize / max(entry.compressedSize, 1)
        if entry.uncompressedSize > limits.ratioFloorBytes, declaredRatio > Int64(limits.maxCompressionRatio) {
            throw error(.zipBomb, "部件 \(entry.name) 压缩比为 \(declaredRatio):1，超过 \(limits.maxCompressionRatio):1 的上限（疑似“压缩炸弹”），拒绝读取")
        }
        return try ZipEntryStream(archive: self, entry: entry, dataOffset: dataOffset)
    }

    private static func lastIndex(of signature: [UInt8], in bytes: [UInt8]) -> Int? {
        var i = bytes.count - 22
        while i >= 0 {
            if bytes[i] == signature[0], bytes[i + 1] == signature[1], bytes[i + 2] == signature[2], bytes[i + 3] == signature[3] {
                return i
            }
            i -= 1
        }
        return nil
    }
}

extension [UInt8] {
    func le16(_ i: Int) -> UInt16 { UInt16(self[i]) | UInt16(self[i + 1]) << 8 }
    func le32(_ i: Int) -> UInt32 {
        UInt32(self[i]) | UInt32(self[i + 1]) << 8 | UInt32(self[i + 2]) << 16 | UInt32(self[i + 3]) << 24
    }
}
