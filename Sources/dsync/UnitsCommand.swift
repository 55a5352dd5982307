import ArgumentParser
import Domain

/// `dsync units [--under CODE]`: the shipped registry of offices and their codes.
struct UnitsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "units", abstract: "列出单位名录及单位代码。")

    @Option(help: "只列出此单位下属的单位，例如 410103（二七区）")
    var under: String?

    func run() throws {
        let units = ReferenceData.orgUnits.filter { u in
            guard let under else { return true }
            return u.unitCode == under || u.parentCode == under
        }
        guard !units.isEmpty else {
            printError("错误：单位代码 \(under ?? "") 不在单位名录中")
            throw ExitCode(1)
        }
        for u in units {
            print("\(u.unitCode)\t\(u.kind)\t\(u.name)")
        }
    }
}
