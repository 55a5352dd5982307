extension Replica {
    /// Whether a file exists at `path` (for the CLI's "already there" message).
    public static func fileExistsForCLI(_ path: String) -> Bool { fileExists(path) }
}
