import ArgumentParser
import PostgresCentralStore

/// `dsync store copy SRC DST`: moves a central store between a SQLite file and PostgreSQL.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "中心库维护：在 SQLite 文件与 PostgreSQL 之间迁移。", subcommands: [Copy.self])

    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "把整个中心库复制到一个空的新库（SQLite 文件或 postgres://…），并用校验和核对两边内容一致。")
        @Argument(help: "源中心库：SQLite 文件路径或 postgres://用户@主机:端口/数据库") var source: String
        @Argument(help: "目标中心库（必须为空或不存在）") var destination: String

        func run() async throws {
            try await userFacing {
                let report = try await StoreCopy.copy(from: source, to: destination)
                print("表\t行数\t源 SHA-256\t目标 SHA-256")
                for (s, d) in zip(report.source, report.destination) {
                    print("\(s.table)\t\(s.rows)\t\(s.sha256)\t\(d.sha256)\(s == d ? "" : "\t不一致")")
                }
                guard report.verified else {
                    printError("错误：复制后目标库的校验和与源库不一致（见上表标注“不一致”的表）；请勿使用目标库")
                    throw ExitCode(1)
                }
                print("已复制 \(source) → \(destination)，\(report.source.count) 张表的校验和全部一致。")
            }
        }
    }
}
