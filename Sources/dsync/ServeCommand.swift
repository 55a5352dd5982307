import ArgumentParser
import CentralStore
import Foundation
import Logging
import SyncServer

/// `dsync serve`: the district's sync server on an embedded SQLite central store.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "运行同步服务（中心库为一个 SQLite 文件，无需安装其他软件）。")

    @Option(help: "中心库文件路径") var store = "central.db"
    @Option(help: "监听地址（默认只在本机；对外服务请放在 TLS 反向代理之后）") var host = SyncHTTPServer.defaultHost
    @Option(help: "监听端口（0 = 任选一个空闲端口）") var port = SyncHTTPServer.defaultPort
    @Option(help: "日志级别：trace, debug, info, notice, warning, error") var logLevel = "info"

    func run() async throws {
        let service: SyncService
        do { service = try SyncService(storePath: store) } catch {
            printError("错误：无法打开中心库 \(store)：\(error)")
            throw ExitCode(1)
        }
        let level = Logger.Level(rawValue: logLevel) ?? .info
        let server = SyncHTTPServer(backend: service, host: host, port: port, logLevel: level)
        let storePath = store, host = host
        try await server.run(stopOnSignals: true) { bound in
            // Written unbuffered: scripts and tests wait for this line to know the port.
            FileHandle.standardOutput.write(Data("DistrictSync 同步服务已启动：http://\(host):\(bound)  中心库：\(storePath)\n".utf8))
        }
        print("同步服务已停止。")
    }
}
