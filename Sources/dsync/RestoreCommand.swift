import ArgumentParser
import Foundation
import Replica

/// `dsync restore FILE --store central.db | --replica PATH`: puts a backup back in place.
///
/// **Store** (run it with `dsync serve` stopped): the backup is checked (`integrity_check`, that it is
/// a central store), copied next to the target and renamed over it; a store already there is kept as
/// `central.db.before-restore` (with `--force` only), and its `-wal`/`-shm` files are moved with it, so
/// SQLite can never replay an old write-ahead log onto the restored file.
///
/// **Replica**: the copy gets a new site id and re-syncs safely on its next `dsync sync` (pull first,
/// then push only the pending edits the server does not hold) — see `Replica.restore`.
/// docs/OPERATIONS.md explains both, and what a restored store means for the replicas.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "从备份恢复中心库（请先停止 dsync serve）或某个单位的副本。")

    @Argument(help: "dsync backup 生成的备份文件") var file: String
    @Option(help: "要恢复到的中心库文件路径") var store: String?
    @Option(help: "要恢复到的副本文件路径") var replica: String?
    @Flag(help: "目标文件已存在时仍然恢复（原文件改名为 .before-restore 保留）") var force = false

    func run() throws {
        try userFacing {
            switch (store, replica) {
            case (let store?, nil): try restoreStore(store, from: file)
            case (nil, let replica?):
                let summary = try Replica.restore(from: file, to: replica, replacing: force)
                print("已从 \(file) 恢复副本 \(replica)（备份时有 \(summary.pendingEntries) 项修改尚未得到服务器确认）。")
                print("副本已换用新的标识 \(summary.newSite.hex.prefix(8))…；下次 dsync sync 会先从服务器取回全部数据，再只上报服务器还没有的修改。")
            default: throw ValidationError("请只给出 --store 或 --replica 之一")
            }
        }
    }

    private func restoreStore(_ store: String, from file: String) throws {
        try SQLiteBackup.verify(file, kind: .store)
        let fm = FileManager.default
        if fm.fileExists(atPath: store) {
            guard force else {
                throw ValidationError("\(store) 已存在。确认要用备份替换它时请加 --force（原文件会改名为 \(store).before-restore 保留）")
            }
            let kept = store + ".before-restore"
            for suffix in ["", "-wal", "-shm"] {
                try? fm.removeItem(atPath: kept + suffix)
                if fm.fileExists(atPath: store + suffix) { try fm.moveItem(atPath: store + suffix, toPath: kept + suffix) }
            }
        }
        for suffix in ["-wal", "-shm"] { try? fm.removeItem(atPath: store + suffix) }
        let partial = store + ".partial"
        try? fm.removeItem(atPath: partial)
        try fm.copyItem(atPath: file, toPath: partial)
        try SQLiteBackup.verify(partial, kind: .store)
        try SQLiteBackup.flush(partial)
        guard rename(partial, store) == 0 else {
            throw SQLiteBackup.Failure(description: "无法把恢复的文件改名为 \(store)：\(String(cString: strerror(errno)))")
        }
        print("已从 \(file) 恢复中心库 \(store)。")
        print("注意：备份之后同步过的副本与恢复后的中心库不再一致，请先按 docs/OPERATIONS.md“恢复到较早状态”一节处理各副本，再让它们同步。")
    }
}
