import ArgumentParser
import Domain
import Replica

/// `dsync init --office CODE`: creates this office's replica (harmless to re-run).
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "为本单位创建离线副本（已存在时不做改动）。",
        discussion: "单位代码见 dsync units，例如淮河路街道办事处为 410103001。"
    )

    @Option(help: "本单位的单位代码，例如 410103001")
    var office: String

    @Option(help: "同步服务器地址，例如 https://sync.example.gov.cn") var server: String?
    @Option(help: "本单位的访问令牌（由区里用 dsync token create 生成）") var token: String?

    @OptionGroup var location: ReplicaLocation

    func run() throws {
        try userFacing {
            let existed = Replica.fileExists(location.path)
            let r = try Replica.create(at: location.path, office: office)
            if server != nil || token != nil { try r.setSyncSettings(SyncSettings(server: server, token: token)) }
            let name = ReferenceData.orgUnit(code: office)?.name ?? office
            if existed {
                print("副本已存在：\(r.path)（\(name)），未做改动。")
            } else {
                print("已创建副本：\(r.path)")
            }
            print("单位：\(name)（\(office)）")
            print("站点标识：\(r.site.hex)")
        }
    }
}
