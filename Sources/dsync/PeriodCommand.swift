import ArgumentParser
import Foundation
import Replica

/// `dsync period close|reopen|list`: month closing of the office's replica.
struct PeriodCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "period", abstract: "填报期关账与重新打开。",
        subcommands: [Close.self, Reopen.self, List.self])

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: "关账：该月已上报的月度数据不再允许修改。")
        @Argument(help: "填报期 YYYY-MM") var period: String
        @OptionGroup var location: ReplicaLocation
        func run() throws {
            try userFacing {
                try Replica.open(at: location.path).closePeriod(period)
                print("填报期 \(period) 已关账；该月的项目月度进展和指标完成情况不能再修改。")
            }
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reopen", abstract: "重新打开已关账的填报期（须说明原因）。")
        @Argument(help: "填报期 YYYY-MM") var period: String
        @Option(name: .long, help: "重新打开的原因（必填，会被记录）") var reason: String
        @OptionGroup var location: ReplicaLocation
        func run() throws {
            try userFacing {
                try Replica.open(at: location.path).reopenPeriod(period, reason: reason)
                print("填报期 \(period) 已重新打开，原因：\(reason)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出关账与重新打开的记录。")
        @OptionGroup var location: ReplicaLocation
        func run() throws {
            try userFacing {
                let events = try Replica.open(at: location.path).periodHistory()
                if events.isEmpty { print("没有关账记录。") }
                for e in events {
                    print("\(e.period)  \(e.closed ? "关账" : "重新打开")" + (e.reason.map { "  原因：\($0)" } ?? ""))
                }
            }
        }
    }
}
