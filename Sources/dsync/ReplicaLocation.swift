import ArgumentParser
import Foundation

/// Where the office's replica file is: `--replica`, else `$DSYNC_REPLICA`, else `./office.dsync`.
struct ReplicaLocation: ParsableArguments {
    @Option(name: .long, help: "副本文件路径（默认 $DSYNC_REPLICA 或 ./office.dsync）")
    var replica: String?

    var path: String {
        replica ?? ProcessInfo.processInfo.environment["DSYNC_REPLICA"] ?? "office.dsync"
    }
}
