import ArgumentParser
import Domain
import Foundation
import Replica
import SQLiteDB

/// `dsync provenance TABLE KEY`: where each current value of a row came from (which import, file, sheet
/// and row; a local edit; or another office's synced edit). `dsync provenance --imports` lists the imports.
struct ProvenanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provenance",
        abstract: "查询一条记录各字段的来源（哪次导入、哪个文件的第几行，或本地修改、同步来的修改）。")

    @Argument(help: "数据表（如 project）") var table: String?
    @Argument(help: "记录的编号（自然键，多列时用 | 分隔）或 id") var key: String?
    @Flag(help: "列出副本中的全部导入记录") var imports = false
    @OptionGroup var location: ReplicaLocation

    func run() throws {
        try userFacing {
            let replica = try Replica.open(at: location.path)
            if imports {
                for r in try replica.imports() {
                    print("导入 \(r.id)：\(Self.time(r.importedAt)) 文件「\(r.fileName)」\(r.sheet.map { "工作表「\($0)」" } ?? "") → \(r.table)；"
                        + "读取 \(r.counts.rowsRead) 行，新增 \(r.counts.inserted)，更新 \(r.counts.updated)，无变化 \(r.counts.unchanged)，有误 \(r.counts.rejected)；SHA-256 \(r.sha256)")
                }
                return
            }
            guard let table, let key, let t = replica.catalog.table(table) else {
                throw ValidationError("用法：dsync provenance 数据表 编号（如 dsync provenance project 410103001-2024-0001），或 --imports")
            }
            let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            var rows: [[SQLValue]] = []
            if parts.count == t.naturalKey.count {
                let sql = "SELECT id FROM \(Database.quote(t.name)) WHERE " + t.naturalKey.map { "\(Database.quote($0)) = ?" }.joined(separator: " AND ")
                rows = try replica.query(sql, parts.map { .text($0) })
            }
            if rows.isEmpty { rows = try replica.query("SELECT id FROM \(Database.quote(t.name)) WHERE id = ?", [.text(key)]) }
            guard rows.count == 1, let id = rows[0][0].text else {
                throw ImportCLIError(rows.isEmpty ? "\(t.label)表中没有“\(key)”" : "\(t.label)表中“\(key)”有 \(rows.count) 条记录，请改用 id")
            }
            print("\(t.label)「\(key)」（id \(id)）各字段的来源：")
            for origin in try replica.valueOrigins(table: t.name, rowID: id) {
                let labels = origin.columns.map { t.field($0)?.label ?? $0 }.joined(separator: "、")
                let values = try replica.query(
                    "SELECT " + origin.columns.map(Database.quote).joined(separator: ", ") + " FROM \(Database.quote(t.name)) WHERE id = ?", [.text(id)])
                    .first ?? []
                guard values.contains(where: { !$0.isNull }) else { continue }
                let shown = values.map { $0.isNull ? "（空）" : $0.description }.joined(separator: "、")
                print("  \(labels) = \(shown)：\(Self.describe(origin))")
            }
        }
    }

    static func describe(_ origin: ValueOrigin) -> String {
        switch origin.source {
        case .imported(let r, let row):
            "导入 \(r.id)（\(time(r.importedAt))）文件「\(r.fileName)」\(r.sheet.map { "工作表「\($0)」" } ?? "")第 \(row) 行，SHA-256 \(r.sha256.prefix(12))…"
        case .localEdit: "本地修改（\(origin.clock.map { time($0 >> 16) } ?? "")）"
        case .remote(let office): "同步自 \(ReferenceData.orgUnit(code: office)?.name ?? office) 的修改（\(origin.clock.map { time($0 >> 16) } ?? "")）"
        case .creation: "创建记录时的值（非导入）"
        }
    }

    static func time(_ millis: Int64) -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        return f.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
    }
}
