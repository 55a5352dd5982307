import ArgumentParser
import Domain
import Replica

/// `dsync status`: the replica's office, clock and unsynced changes per table.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "显示副本状态和待同步的修改。")

    @OptionGroup var location: ReplicaLocation

    func run() throws {
        try userFacing {
            let r = try Replica.open(at: location.path)
            let name = ReferenceData.orgUnit(code: r.office)?.name ?? r.office
            print("副本：\(r.path)")
            print("单位：\(name)（\(r.office)）")
            print("站点标识：\(r.site.hex)")
            let pending = try r.pendingSummary()
            if pending.isEmpty {
                print("待同步修改：无")
                return
            }
            print("待同步修改：")
            for p in pending {
                let label = r.catalog.table(p.table)?.label ?? p.table
                print("  \(label)（\(p.table)）：新增 \(p.inserts) 行，修改 \(p.updates) 处，删除 \(p.deletes) 行")
            }
            print("合计 \(pending.map(\.total).reduce(0, +)) 项")
        }
    }
}
