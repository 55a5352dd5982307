import ArgumentParser
import Reports

/// The 红黄蓝绿 rule (R1's 督查状态, R5, R6) from the command line; unset options keep DOMAIN.md §4.4's
/// defaults, and a changed rule is named 自定义 in the report's note.
struct LightRuleOptions: ParsableArguments {
    @Option(name: .customLong("light-yellow-from"), help: "低于序时进度达到多少个百分点起为黄灯（默认 10）")
    var yellowFrom: Double?

    @Option(name: .customLong("light-red-from"), help: "低于序时进度超过多少个百分点为红灯（默认 30）")
    var redFrom: Double?

    @Option(name: .customLong("light-milestone-red-months"), help: "开工等节点滞后超过几个月为红灯（默认 1）")
    var milestoneRedMonths: Int?

    @Option(name: .customLong("light-yellows-to-red"), help: "连续几个月黄灯转为红灯（默认 2；填 1 表示不升级）")
    var yellowsToRed: Int?

    /// The rule these options describe, checked for sense.
    func rule() throws -> LightRule {
        let standard = LightRule.standard
        guard yellowFrom != nil || redFrom != nil || milestoneRedMonths != nil || yellowsToRed != nil else { return standard }
        func basisPoints(_ points: Double?, _ fallback: Int64, _ name: String) throws -> Int64 {
            guard let points else { return fallback }
            guard points.isFinite, points > 0, points <= 100 else { throw ValidationError("\(name) 应在 0 到 100 个百分点之间，收到 \(points)") }
            return Int64((points * 100).rounded())
        }
        let blue = try basisPoints(yellowFrom, standard.blueBelow, "--light-yellow-from")
        let yellow = try basisPoints(redFrom, standard.yellowBelow, "--light-red-from")
        guard blue < yellow else {
            throw ValidationError("黄灯起点（\(Double(blue) / 100) 个百分点）必须小于红灯起点（\(Double(yellow) / 100) 个百分点）")
        }
        let months = milestoneRedMonths ?? standard.milestoneRedMonths
        guard months >= 0 else { throw ValidationError("--light-milestone-red-months 不能为负数") }
        let yellows = yellowsToRed ?? standard.yellowsToRed
        guard yellows >= 1 else { throw ValidationError("--light-yellows-to-red 至少为 1") }
        return LightRule(version: "自定义", blueBelow: blue, yellowBelow: yellow, milestoneRedMonths: months, yellowsToRed: yellows)
    }
}
