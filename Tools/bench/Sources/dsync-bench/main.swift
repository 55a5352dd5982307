import Foundation
import Replica
import PostgresCentralStore
import SQLiteDB

// dsync-bench: DistrictSync's side of the anchor benchmarks (Tools/bench/run.sh). Prints one
// `rows=N phase_s=S …` line like every anchor in shared/bench.
//
//   dsync-bench insert (--csv FILE | --synthetic N) [--batch N] [--progress] DB
//   dsync-bench import [--cache-mb N] CSV DB
//   dsync-bench sync (--csv FILE | --rows N) [--dir DIR]   (the anchor's rows, pushed then cloned over HTTP)
//   dsync-bench merge (--csv FILE | --rows N) [--group B] [--dir DIR]   (the store's serial path, in process)
//   dsync-bench stages (--csv FILE | --rows N) [--level L] [--dir DIR]   (a push's CPU outside the writer, by stage)
//   dsync-bench export [--constant-memory] CSV OUT.xlsx      (same job as shared/bench/c/xlsx_write.c)
//   dsync-bench reports --projects N [--dir DIR]             (formatted reports R1/R2/R6, normal mode)
//   dsync-bench read [--header-rows H] [--sheet S] FILE   (CSV or xlsx: every cell through the Spreadsheet readers)
//   dsync-bench load --offices N [--rounds K] [--batch B] [--workers W] [--dir DIR] [--server URL[,URL…] --store FILE|postgres://…]

let usage = "usage: dsync-bench insert|import|sync|merge|stages|load|export|reports|read … (see Tools/bench/README.md)\n"
var args = Array(CommandLine.arguments.dropFirst())
guard let command = args.first else {
    FileHandle.standardError.write(Data(usage.utf8))
    exit(2)
}
args.removeFirst()
// The benchmarks of what `dsync serve`, `dsync sync` and `dsync import` do run as those do: malloc on huge pages.
if ["sync", "merge", "stages", "load", "import", "insert"].contains(command) { MallocHugePages.enable() }
let rest = args
func option(_ name: String) -> String? {
    guard let i = rest.firstIndex(of: name), i + 1 < rest.count else { return nil }
    return rest[i + 1]
}
do {
    switch command {
    case "insert":
        var options = InsertBenchmark.Options()
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--csv": options.csv = args[i + 1]; i += 1
            case "--synthetic": options.synthetic = Int(args[i + 1]) ?? 0; i += 1
            case "--batch": options.batch = Int(args[i + 1]) ?? 0; i += 1
            case "--progress": options.progress = true
            default: options.database = args[i]
            }
            i += 1
        }
        try InsertBenchmark.run(options)
    case "import":
        // dsync-bench import [--cache-mb N] CSV DB
        var cache = Replica.defaultCacheMegabytes
        if args.first == "--cache-mb", args.count > 1 { cache = Int(args[1]) ?? cache; args.removeFirst(2) }
        guard args.count == 2 else { throw BenchError("usage: dsync-bench import [--cache-mb N] CSV DB") }
        try ImportBenchmark.run(csv: args[0], database: args[1], cacheMegabytes: cache)
    case "sync":
        try SyncBenchmark.run(csv: option("--csv"), rows: Int(option("--rows") ?? "100000") ?? 100_000,
                              directory: option("--dir") ?? NSTemporaryDirectory() + "dsync-bench-sync")
    case "merge":
        try MergeBenchmark.run(csv: option("--csv"), rows: Int(option("--rows") ?? "100000") ?? 100_000,
                               group: Int(option("--group") ?? "8") ?? 8,
                               directory: option("--dir") ?? NSTemporaryDirectory() + "dsync-bench-merge")
    case "stages":
        try StagesBenchmark.run(csv: option("--csv"), rows: Int(option("--rows") ?? "100000") ?? 100_000,
                                level: Int32(option("--level") ?? "1") ?? 1,
                                directory: option("--dir") ?? NSTemporaryDirectory() + "dsync-bench-stages")
    case "read":
        guard let path = rest.last, !path.hasPrefix("--") else {
            FileHandle.standardError.write(Data(usage.utf8))
            exit(2)
        }
        try ReadBenchmark.run(path: path, headerRows: Int(option("--header-rows") ?? "1") ?? 1, sheet: option("--sheet"))
    case "load":
        // A PostgreSQL store: make the offices' tokens there first (the servers already run on it).
        var tokens: [String: String]?
        if let store = option("--store"), let url = PostgresURL(store) {
            let pg = try await PostgresCentralStore.open(url)
            var made: [String: String] = [:]
            for o in LoadSimulator.townships { made[o] = try await pg.createToken(office: o, label: "bench") }
            await pg.close()
            tokens = made
        }
        try LoadSimulator.run(offices: Int(option("--offices") ?? "100") ?? 100, rounds: Int(option("--rounds") ?? "5") ?? 5,
                              batch: Int(option("--batch") ?? "20") ?? 20, workers: Int(option("--workers") ?? "32") ?? 32,
                              directory: option("--dir") ?? NSTemporaryDirectory() + "dsync-bench-load",
                              serverURLs: option("--server")?.split(separator: ",").map(String.init) ?? [], storePath: option("--store"),
                              tokens: tokens)
    case "export":
        let cm = args.first == "--constant-memory"
        let files = args.filter { $0 != "--constant-memory" }
        guard files.count == 2 else { throw BenchError("usage: dsync-bench export [--constant-memory] CSV OUT.xlsx") }
        try ExportBenchmark.run(csv: files[0], out: files[1], constantMemory: cm)
    case "reports":
        try ReportBenchmark.run(projects: Int(option("--projects") ?? "10000") ?? 10_000,
                                directory: option("--dir") ?? NSTemporaryDirectory() + "dsync-bench-reports")
    default:
        FileHandle.standardError.write(Data(usage.utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("dsync-bench: \(error)\n".utf8))
    exit(1)
}
