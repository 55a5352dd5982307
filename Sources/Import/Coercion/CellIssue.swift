import Domain

/// Why one cell's value cannot be stored: a stable code and a Chinese reason (the importer adds where).
public struct CellIssue: Error, Sendable, Hashable {
    public let code: String
    public let reason: String

    public init(_ code: String, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    init(_ error: ValueError) {
        self.init(error.code.rawValue, error.message)
    }
}
