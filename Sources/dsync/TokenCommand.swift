import ArgumentParser
import CentralStore

/// `dsync token create|revoke --office CODE`: access tokens, stored hashed in the central store.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "管理各单位的访问令牌。", subcommands: [Create.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "为单位创建访问令牌（只显示这一次）。")
        @Option(help: "单位代码") var office: String
        @Option(help: "中心库：SQLite 文件路径，或 postgres://用户@主机:端口/数据库") var store = "central.db"
        @Option(help: "备注，例如使用人或电脑") var label: String?

        func run() async throws {
            try await userFacing {
                let central = try await StoreLocation.open(store)
                let token: String
                do { token = try await central.createToken(office: office, label: label) } catch {
                    await central.close()
                    throw error
                }
                await central.close()
                print(token)
                printError("已为 \(office) 创建访问令牌。令牌只显示这一次，服务器只保存其哈希值；请妥善交给该单位。")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "吊销单位的全部访问令牌。")
        @Option(help: "单位代码") var office: String
        @Option(help: "中心库：SQLite 文件路径，或 postgres://用户@主机:端口/数据库") var store = "central.db"

        func run() async throws {
            try await userFacing {
                let central = try await StoreLocation.open(store)
                let n: Int
                do { n = try await central.revokeTokens(office: office) } catch {
                    await central.close()
                    throw error
                }
                await central.close()
                print("已吊销 \(office) 的 \(n) 个访问令牌。")
            }
        }
    }
}
