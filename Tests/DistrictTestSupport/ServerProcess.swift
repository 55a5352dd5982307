import Foundation

/// A real `dsync serve` process on 127.0.0.1 for end-to-end tests; killable with SIGKILL.
public final class ServerProcess {
    public let store: String
    public private(set) var port: Int
    /// Further `dsync serve` arguments, e.g. `--tls-cert`, `--tls-key`.
    public let arguments: [String]
    /// A command prefix the server runs under (e.g. ``SmallDisk/launcher``); it must exec the server.
    public let launcher: [String]
    /// Environment variables set for the server on top of the test's own.
    public let environment: [String: String]
    private var process: Process?

    /// Starts the server on `port` (0 = any free port) with `arguments` and waits until it listens.
    public init(store: String, port: Int = 0, arguments: [String] = [], launcher: [String] = [], environment: [String: String] = [:]) throws {
        self.store = store
        self.port = port
        self.arguments = arguments
        self.launcher = launcher
        self.environment = environment
        try start()
    }

    deinit { process.map { kill($0.processIdentifier, SIGKILL); $0.waitUntilExit() } }

    /// The running server's process id.
    public var pid: Int32? { process?.processIdentifier }

    public var url: String { "\(arguments.contains("--tls-cert") ? "https" : "http")://127.0.0.1:\(port)" }

    /// Starts (again) on the same port.
    public func start() throws {
        let p = Process()
        let command = launcher + [ProcessRunner.product("dsync"), "serve", "--store", store, "--port", String(port), "--log-level", "error"] + arguments
        p.executableURL = URL(fileURLWithPath: command[0])
        p.arguments = Array(command.dropFirst())
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        var seen = ""
        let deadline = Date().addingTimeInterval(30)
        while !seen.contains("已启动") && Date() < deadline && p.isRunning {
            seen += String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        }
        guard let range = seen.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
              let bound = Int(seen[range].split(separator: ":").last ?? "") else {
            p.terminate()
            throw ServerError(description: "dsync serve did not start: \(seen)")
        }
        port = bound
        process = p
    }

    /// Kills the server with SIGKILL (no graceful shutdown) and waits for it to die.
    public func killHard() {
        guard let p = process else { return }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        process = nil
    }

    public struct ServerError: Error, CustomStringConvertible { public let description: String }
}
