import ArgumentParser
import Domain
import MergeStore
import Replica
import SyncModel

/// `dsync conflicts`: concurrent edits that lost, changes the server refused, duplicated natural keys.
struct ConflictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts", abstract: "列出冲突（被覆盖的并发修改）、被服务器拒绝的修改和重复的编号。")

    @OptionGroup var location: ReplicaLocation
    @Flag(help: "同时列出已解决的冲突") var all = false
    @Flag(help: "撤回所有被服务器拒绝的修改，恢复为修改前的值") var withdraw = false

    func run() throws {
        try userFacing {
            let r = try Replica.open(at: location.path)
            if withdraw {
                let n = try r.withdrawRejected()
                print(n == 0 ? "没有被拒绝的修改。" : "已撤回 \(n) 项被拒绝的修改，相关记录已恢复为修改前的值。")
                return
            }
            let conflicts = try r.conflicts(includeResolved: all)
            let rejected = try r.rejectedChanges()
            let duplicates = try r.naturalKeyDuplicates()
            if conflicts.isEmpty && rejected.isEmpty && duplicates.isEmpty {
                print("没有待处理的冲突。")
                return
            }
            for c in conflicts { print(ConflictText.describe(c, replica: r)) }
            for x in rejected {
                let label = r.catalog.table(x.table)?.label ?? x.table
                print("【被拒绝】\(label) \(ConflictText.rowName(r, x.table, x.rowID))「\(ConflictText.unitLabel(r, x.table, x.unit))」：\(x.reason)")
            }
            for d in duplicates {
                let label = r.catalog.table(d.table)?.label ?? d.table
                let owners = d.rows.map { ConflictText.officeName($0.owner) }.joined(separator: "、")
                print("【编号重复】\(label)编号 \(d.key.joined(separator: " / ")) 被 \(d.rows.count) 条记录使用（\(owners)）；请协商保留一条，修改或删除其余")
            }
            print("冲突 \(conflicts.filter { $0.resolvedBy == nil }.count) 项未解决；被拒绝 \(rejected.count) 项；编号重复 \(duplicates.count) 处。修改相应字段即视为解决，并随下次同步生效。")
        }
    }
}

/// Chinese descriptions of conflicts for clerks.
enum ConflictText {
    static func describe(_ c: ConflictRecord, replica r: Replica) -> String {
        let label = r.catalog.table(c.table)?.label ?? c.table
        let field = unitLabel(r, c.table, c.unit)
        let loser = values(c.loserValues, r, c.table)
        let winner = c.winnerIsDeletion ? "（记录已被删除）" : values(c.winnerValues, r, c.table)
        var s = "【冲突】\(label) \(rowName(r, c.table, c.rowID))「\(field)」：\(officeName(c.loserOffice)) 于 \(time(c.loser.clock)) 改为 \(loser)，"
        s += "被 \(officeName(c.winnerOffice)) 于 \(time(c.winner.clock)) 的 \(winner) 覆盖"
        if let by = c.resolvedBy { s += "；已由 \(officeName(c.resolvedOffice ?? "")) 于 \(time(by.clock)) 处理" }
        return s
    }

    static func unitLabel(_ r: Replica, _ table: String, _ unit: String) -> String {
        guard let t = r.catalog.table(table) else { return unit }
        if unit == "-" { return "删除" }
        if let g = t.groups.first(where: { $0.name == unit }) { return g.columns.compactMap { t.field($0)?.label }.joined(separator: "+") }
        return t.field(unit)?.label ?? (unit == "owner_unit_id" ? "所属单位" : unit)
    }

    static func rowName(_ r: Replica, _ table: String, _ id: String) -> String {
        let nameColumn = r.catalog.table(table)?.naturalKey.first ?? "id"
        let q = "\"" + nameColumn + "\""
        let v = (try? r.query("SELECT \(q) FROM \"\(table)\" WHERE id = ?", [.text(id)]).first?.first?.text) ?? nil
        return v.map { "「\($0)」" } ?? "（\(id.prefix(8))…）"
    }

    static func values(_ v: CellValues, _ r: Replica, _ table: String) -> String {
        v.sorted { $0.key < $1.key }.map { key, value in
            switch value {
            case .null: "空"
            case .integer(let i): r.catalog.table(table)?.field(key)?.type == .money ? Money(yuan: i).formatWithUnit(.wanYuan) : String(i)
            case .real(let d): String(d)
            case .text(let s): "「\(s)」"
            }
        }.joined(separator: " / ")
    }

    static func officeName(_ code: String) -> String { ReferenceData.orgUnit(code: code)?.name ?? code }

    static func time(_ t: HybridTimestamp) -> String { ChinaTime(millis: t.wallMillis).text }  // 北京时间
}
