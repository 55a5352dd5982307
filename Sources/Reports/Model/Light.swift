public import Domain

/// The 红黄蓝绿 supervision light of a project or indicator.
public enum Light: String, Sendable, Hashable, CaseIterable, Comparable {
    case green = "绿", blue = "蓝", yellow = "黄", red = "红"

    /// Fill colour (0xRRGGBB) for the cell; the word stays in the text for black-and-white printing.
    public var fill: UInt32 {
        switch self {
        case .green: 0x92D050
        case .blue: 0x9BC2E6
        case .yellow: 0xFFFF00
        case .red: 0xFF0000
        }
    }

    /// The text written in the cell, e.g. `红灯`.
    public var word: String { rawValue + "灯" }

    var severity: Int { Light.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: Light, b: Light) -> Bool { a.severity < b.severity }
}

/// The rule that lights a subject from its progress (DOMAIN.md §4.4 default; configurable, versioned).
///
/// 绿 = completed or at/above 序时进度; 蓝 = below by less than `blueBelow`; 黄 = below by `blueBelow`
/// up to `yellowBelow`, or a milestone missed by at most `milestoneRedMonths` months; 红 = below by
/// more than `yellowBelow`, a milestone missed longer, or `yellowsToRed` consecutive 黄.
public struct LightRule: Sendable, Hashable {
    public var version: String
    /// Shortfall against 序时进度 (basis points) from which the light is 黄 (default 10 百分点).
    public var blueBelow: Int64
    /// Shortfall from which the light is 红 (default 30 百分点).
    public var yellowBelow: Int64
    /// A milestone missed by more than this many months is 红 (default 1).
    public var milestoneRedMonths: Int
    /// Consecutive 黄 months that turn 红 (default 2).
    public var yellowsToRed: Int

    public init(version: String = "DS-4.4-2024", blueBelow: Int64 = 1000, yellowBelow: Int64 = 3000, milestoneRedMonths: Int = 1, yellowsToRed: Int = 2) {
        self.version = version
        self.blueBelow = blueBelow
        self.yellowBelow = yellowBelow
        self.milestoneRedMonths = milestoneRedMonths
        self.yellowsToRed = yellowsToRed
    }

    /// DOMAIN.md §4.4.
    public static let standard = LightRule()

    /// The light for one month from the completion ratio, 序时进度, whether the subject is done, and how
    /// many months a milestone is overdue (0 = none).
    public func light(completion: BasisPoints?, schedule: BasisPoints, done: Bool, milestoneOverdueMonths: Int) -> Light {
        if done { return .green }
        var light: Light
        if let completion {
            let shortfall = schedule.rawValue - completion.rawValue
            light = shortfall <= 0 ? .green : shortfall < blueBelow ? .blue : shortfall <= yellowBelow ? .yellow : .red
        } else {
            light = .blue
        }
        if milestoneOverdueMonths > milestoneRedMonths { light = .red } else if milestoneOverdueMonths > 0 { light = max(light, .yellow) }
        return light
    }

    /// Applies the consecutive-yellow rule to a month's light given the lights of the months before it
    /// (oldest first).
    public func escalate(_ light: Light, after previous: [Light]) -> Light {
        guard light == .yellow, yellowsToRed > 1 else { return light }
        let run = previous.reversed().prefix { $0 == .yellow }.count
        return run + 1 >= yellowsToRed ? .red : light
    }
}
