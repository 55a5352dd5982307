import ArgumentParser
import Foundation
import SQLiteDB

/// `dsync backup`: a consistent copy of a replica or of the SQLite central store, taken online.
///
/// SQLite's online backup API copies the file page by page in one read transaction, so the copy is
/// consistent even while `dsync serve` or a clerk writes. The copy is written next to the target as
/// `FILE.partial`, switched to rollback-journal mode (one self-contained file), checked with
/// `PRAGMA integrity_check`, flushed to disk, and only then renamed over `FILE`: a crash or a full
/// disk never leaves a half-written backup under the real name. PostgreSQL stores: see docs/OPERATIONS.md.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "备份副本或中心库（SQLite 在线备份，服务运行中也可执行），并做完整性检查。")

    @Option(help: "要备份的副本文件") var replica: String?
    @Option(help: "要备份的中心库文件（SQLite）") var store: String?
    @Option(name: .shortAndLong, help: "备份文件路径（写完并检查无误后才出现在此路径）") var output: String

    func run() throws {
        try userFacing {
            let (source, kind): (String, BackupKind)
            switch (replica, store) {
            case (let r?, nil): (source, kind) = (r, .replica)
            case (nil, let s?): (source, kind) = (s, .store)
            default: throw ValidationError("请只给出 --replica 或 --store 之一")
            }
            let bytes = try SQLiteBackup.copy(source, to: output, kind: kind)
            print("已备份\(kind.label) \(source) → \(output)（\(bytes) 字节，完整性检查通过）。")
        }
    }
}

/// What a DistrictSync SQLite file is, by its `application_id`.
enum BackupKind {
    case replica, store

    var applicationID: Int64 { self == .replica ? 0x4453_5250 : 0x4453_4353 }
    var label: String { self == .replica ? "副本" : "中心库" }
}

/// Verified, atomic copies of DistrictSync SQLite files.
enum SQLiteBackup {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Copies `source` to `destination` (see ``BackupCommand``); returns the size of the copy.
    static func copy(_ source: String, to destination: String, kind: BackupKind) throws -> Int {
        guard FileManager.default.fileExists(atPath: source) else { throw Failure(description: "文件 \(source) 不存在") }
        let db = try Database(path: source, mode: .readWrite)  // read-write: a WAL file needs its -shm
        let appID = try db.scalar("PRAGMA application_id")?.integer ?? 0
        guard appID == kind.applicationID else {
            throw Failure(description: "文件 \(source) 不是 DistrictSync \(kind.label)，未做备份")
        }
        let partial = destination + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        do {
            try db.backup(to: partial)
            try verify(partial, kind: kind, makeSelfContained: true)
            try flush(partial)
            guard rename(partial, destination) == 0 else {
                throw Failure(description: "无法把备份改名为 \(destination)：\(String(cString: strerror(errno)))")
            }
            try flush(URL(fileURLWithPath: destination).deletingLastPathComponent().path)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
        return (try? FileManager.default.attributesOfItem(atPath: destination)[.size] as? Int) ?? 0
    }

    /// Checks that `path` is an intact DistrictSync file of `kind`; optionally switches it to a single
    /// file (rollback journal) first.
    static func verify(_ path: String, kind: BackupKind, makeSelfContained: Bool = false) throws {
        let copy = try Database(path: path, mode: .readWrite)
        if makeSelfContained { try copy.execute("PRAGMA journal_mode = DELETE") }
        let check = try copy.query("PRAGMA integrity_check").compactMap { $0.first?.text }
        guard check == ["ok"] else {
            throw Failure(description: "\(path) 完整性检查未通过：\(check.prefix(5).joined(separator: "；"))")
        }
        guard try copy.scalar("PRAGMA application_id")?.integer == kind.applicationID else {
            throw Failure(description: "\(path) 不是 DistrictSync \(kind.label)")
        }
    }

    /// fsync of a file or directory.
    static func flush(_ path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Failure(description: "无法打开 \(path)：\(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw Failure(description: "无法把 \(path) 写入磁盘：\(String(cString: strerror(errno)))") }
    }
}
