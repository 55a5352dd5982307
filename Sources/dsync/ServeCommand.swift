import ArgumentParser
import CentralStore
import Foundation
import Logging
import SyncServer

/// `dsync serve`: the district's sync server on an embedded SQLite central store.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "运行同步服务（中心库为一个 SQLite 文件，无需安装其他软件）。")

    @Option(help: "中心库：SQLite 文件路径，或 postgres://用户@主机:端口/数据库") var store = "central.db"
    @Option(help: "监听地址（默认只在本机；对外服务请同时给出 --tls-cert 和 --tls-key）") var host = SyncHTTPServer.defaultHost
    @Option(help: "监听端口（0 = 任选一个空闲端口）") var port = SyncHTTPServer.defaultPort
    @Option(help: "日志级别：trace, debug, info, notice, warning, error") var logLevel = "info"
    @Option(help: "TLS 证书文件（PEM，服务器证书在前，中间证书在后）；与 --tls-key 一起给出即启用 https") var tlsCert: String?
    @Option(help: "TLS 私钥文件（PEM，不加密）") var tlsKey: String?
    @Option(help: "状态页和 /metrics 的访问范围：loopback（只限本机，默认）或 public（所有能连到服务器的机器）") var statusAccess = "loopback"

    func run() async throws {
        let service: SyncService
        do { service = SyncService(store: try await StoreLocation.open(store)) } catch {
            printError("错误：无法打开中心库 \(store)：\(error)")
            throw ExitCode(1)
        }
        let level = Logger.Level(rawValue: logLevel) ?? .info
        var server = SyncHTTPServer(backend: service, host: host, port: port, logLevel: level)
        switch (tlsCert, tlsKey) {
        case (let cert?, let key?): server.tls = ServerTLS(certificateChainFile: cert, privateKeyFile: key)
        case (nil, nil): break
        default:
            printError("错误：--tls-cert 和 --tls-key 必须同时给出")
            throw ExitCode(1)
        }
        guard let access = StatusAccess(rawValue: statusAccess) else {
            printError("错误：--status-access 只能是 loopback 或 public，收到 \(statusAccess)")
            throw ExitCode(1)
        }
        server.statusAccess = access
        // City-wide reports from the status page (a PostgreSQL store is snapshotted per report).
        server.reports = StoreReportProvider(store: store)
        let storePath = store, host = host, scheme = server.tls == nil ? "http" : "https"
        do {
            try await server.run(stopOnSignals: true) { bound in
                // Written unbuffered: scripts and tests wait for this line to know the port.
                FileHandle.standardOutput.write(Data("DistrictSync 同步服务已启动：\(scheme)://\(host):\(bound)  中心库：\(storePath)\n".utf8))
            }
        } catch let error as ServerTLS.LoadError {
            printError("错误：\(error.description)")
            throw ExitCode(1)
        }
        await service.close()
        print("同步服务已停止。")
    }
}
