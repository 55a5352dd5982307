import ArgumentParser
import CentralStore
import Foundation
import GzipCodec
import SyncModel

/// `dsync changes import FILE`: applies a change file an office carried in (sneakernet).
struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes", abstract: "在服务器上导入单位带来的修改文件。", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "导入 dsync sync --export-changes 生成的文件（可重复导入，不会重复记录）。")
        @Argument(help: "修改文件") var file: String
        @Option(help: "中心库：SQLite 文件路径，或 postgres://用户@主机:端口/数据库") var store = "central.db"

        func run() async throws {
            try await userFacing {
                let raw = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
                let json: [UInt8]
                do { json = try Gzip.decompress(raw, limit: 512 << 20) } catch {
                    throw ValidationError("\(file) 不是 DistrictSync 修改文件（无法解压）")
                }
                let payload: ChangeFile
                do { payload = try JSONDecoder().decode(ChangeFile.self, from: Data(json)) } catch {
                    throw ValidationError("\(file) 不是 DistrictSync 修改文件（内容格式不对）")
                }
                guard payload.format == ChangeFile.formatName else { throw ValidationError("不支持的修改文件格式 \(payload.format)，请升级 dsync") }
                let central = try await StoreLocation.open(store)
                var accepted = 0, rejected = 0, repeated = 0
                for batch in payload.batches {
                    do {
                        let r = try await central.importBatch(batch)
                        accepted += r.accepted
                        rejected += r.rejected.count
                    } catch let f as SyncFailure where f.body.code == "push.too_old" {
                        repeated += 1
                    }
                }
                await central.close()
                print("已导入 \(payload.office) 的 \(payload.batches.count) 批修改：接受 \(accepted) 项，拒绝 \(rejected) 项。")
                if repeated > 0 { print("其中 \(repeated) 批早已收到，未重复记录。") }
            }
        }
    }
}
