import ArgumentParser
import Foundation
import GzipCodec
import Replica
import SyncClient
import SyncModel

/// `dsync sync`: push local changes, then pull until caught up; or write them to a file for sneakernet.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "与区里的服务器同步：先上报本地修改，再取回其他单位的修改。")

    @OptionGroup var location: ReplicaLocation
    @Option(help: "服务器地址（默认用 dsync init 时保存的，或 $DSYNC_SERVER）") var server: String?
    @Option(help: "访问令牌（默认用保存的，或 $DSYNC_TOKEN）") var token: String?
    @Option(help: "代理服务器，例如 http://proxy.example:3128（默认按 http_proxy/https_proxy 环境变量）") var proxy: String?
    @Option(help: "私有 CA 证书文件（PEM），用于校验服务器证书") var caFile: String?
    @Flag(help: "允许对非本机地址使用不加密的 http://（不建议）") var allowInsecureHTTP = false
    @Option(help: "网络不通时：把待上报的修改写入此文件，带到区里导入（dsync changes import）") var exportChanges: String?
    @Option(help: "最多重试次数") var retries = 5

    func run() throws {
        try userFacing {
            let r = try Replica.open(at: location.path)
            if let file = exportChanges { return try export(r, to: file) }
            let saved = try r.syncSettings()
            let env = ProcessInfo.processInfo.environment
            guard let server = server ?? saved.server ?? env["DSYNC_SERVER"] else {
                throw ValidationError("没有服务器地址：请用 --server 指定，或 dsync init --server URL 保存")
            }
            guard let token = token ?? saved.token ?? env["DSYNC_TOKEN"] else {
                throw ValidationError("没有访问令牌：请用 --token 指定，或 dsync init --token T 保存")
            }
            var options = CurlTransport.Options()
            if let proxy { options.proxy = .url(proxy) }
            options.caFile = caFile
            options.allowInsecureHTTP = allowInsecureHTTP
            let transport = HTTPSyncTransport(server: server, token: token, schemaVersion: r.catalog.schemaVersion, options: options)
            transport.retry.maxAttempts = max(1, retries)
            let progress = ProgressLine()
            transport.onRetry = { event in progress.note("连接不稳定，\(event.description)") }
            let report: SyncReport
            do throws(SyncClientError) {
                report = try SyncSession(replica: r, transport: transport).run { p in
                    switch p {
                    case .pushed(let n, let b): progress.update("已上报 \(n) 项（\(b) 批）")
                    case .pulled(let n, _): progress.update("已取回 \(n) 项")
                    case .retrying(let a, let why): progress.note("第 \(a) 次重试：\(why)")
                    }
                }
            } catch {
                progress.finish()
                let pending = (try? r.pendingSummary().map(\.total).reduce(0, +)) ?? 0
                printError("同步未完成：\(error.message)\n本地修改都已保留（待上报 \(pending) 项），可随时重新运行 dsync sync。")
                if case .refused(409, let code) = error.kind, code == SyncProtocol.sequenceGapCode || code == "push.seq_reused" || code == "pull.cursor_ahead" {
                    printError("如果区里的中心库刚从备份恢复，这是预期的：请联系区里的系统管理员按恢复步骤处理本副本，在此之前不要删除副本文件。")
                }
                throw ExitCode(2)
            }
            progress.finish()
            print("同步完成：上报 \(report.pushedChanges) 项（\(report.pushedBatches) 批），取回 \(report.pulledChanges) 项。")
            if report.rejected > 0 { print("有 \(report.rejected) 项修改被服务器拒绝，原因见 dsync conflicts。") }
            if report.openConflicts > 0 { print("有 \(report.openConflicts) 项冲突待处理，见 dsync conflicts。") }
        }
    }

    private func export(_ r: Replica, to file: String) throws {
        let batches = try r.exportPendingBatches()
        let payload = ChangeFile(office: r.office, replica: r.site, createdAt: WallClock.nowMillis(), batches: batches)
        let bytes = Gzip.compress([UInt8](try JSONEncoder().encode(payload)))
        try Data(bytes).write(to: URL(fileURLWithPath: file), options: .atomic)
        let count = batches.map(\.changes.count).reduce(0, +)
        print("已把 \(count) 项待上报的修改（\(batches.count) 批）写入 \(file)。")
        print("请带到区里由管理员导入（dsync changes import）。网络恢复后 dsync sync 会再次发送同样的批次，服务器不会重复记录。")
    }
}

/// A one-line progress display on a terminal; silent in a pipe (the summary line is printed anyway).
/// Thread-safe: retry notes come from the transport's thread while the sync loop updates the line.
final class ProgressLine: @unchecked Sendable {
    let isTerminal = isatty(2) == 1
    private var shown = false
    private let lock = NSLock()

    func update(_ text: String) {
        guard isTerminal else { return }
        lock.withLock {
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(text)".utf8))
            shown = true
        }
    }

    func note(_ text: String) {
        lock.withLock {
            finishLocked()
            printError(text)
        }
    }

    func finish() { lock.withLock { finishLocked() } }

    private func finishLocked() {
        if shown { FileHandle.standardError.write(Data("\n".utf8)) }
        shown = false
    }
}
