import Foundation

/// A `test_http_server.py` process on 127.0.0.1 (see the script for its routes). Stop it with
/// `stop()` (or let it go: it also exits when this process closes its stdin, even after a crash).
final class PythonHTTPServer {
    let port: Int
    private let process: Process
    private let input: Pipe

    /// Starts the server with `arguments` (`--proxy`, `--tls CERT KEY`) and waits for its port.
    init(_ arguments: [String] = []) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("test_http_server.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = [script] + arguments
        let output = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }  // the script died before printing its port
            line.append(chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw StartFailure(output: String(decoding: line, as: UTF8.self))
        }
        self.port = port
        self.process = process
        self.input = input
    }

    deinit { stop() }

    /// `http://127.0.0.1:<port>` (or `https://` when started with `--tls`).
    var base: String { "http://127.0.0.1:\(port)" }

    /// `base` + `path`.
    func url(_ path: String, scheme: String = "http") -> String { "\(scheme)://127.0.0.1:\(port)\(path)" }

    /// Kills the server and waits for it; its port is then closed. SIGKILL, because a child spawned
    /// from a libdispatch worker thread inherits that thread's signal mask, SIGTERM included.
    func stop() {
        try? input.fileHandleForWriting.close()
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    struct StartFailure: Error, CustomStringConvertible {
        let output: String
        var description: String { "test_http_server.py did not report a port: \(output)" }
    }

    /// `/usr/bin/python3`, else the first `python3` on `PATH`.
    static let python: String = {
        let candidates =
            ["/usr/bin/python3"]
            + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/python3" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/python3"
    }()
}
