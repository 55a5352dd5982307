import ArgumentParser
import SQLiteDB

/// `dsync`: the DistrictSync command-line tool for an office's replica.
@main
struct DSync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dsync",
        abstract: "DistrictSync：区县重大项目、招商、企业台账的离线副本与同步工具。",
        version: "0.1.0",
        subcommands: [InitCommand.self, StatusCommand.self, SyncCommand.self, ConflictsCommand.self, ServeCommand.self, TokenCommand.self, StoreCommand.self, ChangesCommand.self, UnitsCommand.self, BackupCommand.self, RestoreCommand.self, ExportCommand.self, ExportCSVCommand.self, PeriodCommand.self, InspectCommand.self, ImportCommand.self, ProvenanceCommand.self]
    )

    /// The commands that move bulk data run with malloc on huge pages (`MallocHugePages`).
    static let hugePageCommands: Set<String> = ["serve", "sync", "import"]

    static func main() async {
        if let command = CommandLine.arguments.dropFirst().first, hugePageCommands.contains(command) { MallocHugePages.enable() }
        await main(nil)
    }
}
