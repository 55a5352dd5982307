import Foundation

/// A real full disk for tests: a tmpfs of a few megabytes mounted in a private mount namespace (root, as
/// the test machines run), kept alive by a holder process. Commands and servers that should write to it run
/// inside the namespace through `nsenter`; the rest of the machine never sees the mount.
public final class SmallDisk {
    /// The mount point (an empty directory outside the namespace).
    public let directory: String
    private let holder: Process

    /// Mounts a tmpfs of `kilobytes` at a new temporary directory.
    public init(kilobytes: Int) throws {
        directory = NSTemporaryDirectory() + "dsync-small-disk-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        holder.arguments = ["--mount", "--propagation", "private", "/bin/sh", "-c",
                            "mount -t tmpfs -o size=\(kilobytes)k dsync-test \"$0\" && echo mounted && exec sleep 100000", directory]
        let out = Pipe()
        holder.standardOutput = out
        try holder.run()
        let line = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        guard line.contains("mounted") else {
            holder.terminate()
            throw SmallDiskError(description: "could not mount a tmpfs in a private namespace (needs root): \(line)")
        }
    }

    deinit {
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The command prefix that runs a program inside the namespace (it sees the tmpfs at `directory`).
    public var launcher: [String] { ["/usr/bin/nsenter", "--target", String(holder.processIdentifier), "--mount", "--"] }

    /// A path on the small disk.
    public func file(_ name: String) -> String { directory + "/" + name }

    /// Runs `executable` inside the namespace.
    @discardableResult
    public func run(_ executable: String, _ arguments: [String], input: String? = nil) throws -> ProcessResult {
        try ProcessRunner.run(launcher[0], Array(launcher.dropFirst()) + [executable] + arguments, input: input)
    }

    /// Fills the disk with a filler file, then frees `bytes` of it again.
    public func fill(leaving bytes: Int) throws {
        let filler = file(".filler")
        let r = try run("/bin/sh", ["-c", "dd if=/dev/zero of=\"$0\" bs=4096 2>/dev/null; truncate -s -\(bytes) \"$0\"; sync", filler])
        guard r.status == 0 else { throw SmallDiskError(description: "fill failed: \(r.stderr)") }
    }

    /// Removes the filler: the disk has room again.
    public func free() throws {
        let r = try run("/bin/rm", ["-f", file(".filler")])
        guard r.status == 0 else { throw SmallDiskError(description: "free failed: \(r.stderr)") }
    }

    /// Names in the disk's top directory (the filler excluded).
    public func listing() throws -> [String] {
        try run("/bin/ls", ["-A", directory]).stdout.split(separator: "\n").map(String.init).filter { $0 != ".filler" }.sorted()
    }

    public struct SmallDiskError: Error, CustomStringConvertible { public let description: String }
}
