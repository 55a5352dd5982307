import Foundation

// dsync-bench: DistrictSync's side of the anchor benchmarks (Tools/bench/run.sh). Prints one
// `rows=N phase_s=S …` line like every anchor in shared/bench.
//
//   dsync-bench insert (--csv FILE | --synthetic N) [--batch N] [--progress] DB

var args = Array(CommandLine.arguments.dropFirst())
guard args.first == "insert" else {
    FileHandle.standardError.write(Data("usage: dsync-bench insert (--csv FILE | --synthetic N) [--batch N] [--progress] DB\n".utf8))
    exit(2)
}
args.removeFirst()
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
do {
    try InsertBenchmark.run(options)
} catch {
    FileHandle.standardError.write(Data("dsync-bench: \(error)\n".utf8))
    exit(1)
}
