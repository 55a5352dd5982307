public import Domain
public import Replica
public import Spreadsheet

/// What to do with a file.
public struct ImportOptions: Sendable {
    /// The catalog table to import into; nil to infer it from the header.
    public var table: String?
    /// Report only: nothing is written.
    public var dryRun = false
    /// Write the valid rows and return the rejected ones (for the error workbook) instead of writing nothing.
    public var skipInvalid = false
    /// Problems of each severity kept in the report (all are counted).
    public var problemLimit = 1_000
    /// Rejected rows kept for the error workbook.
    public var rejectedRowLimit = 100_000

    public init(table: String? = nil, dryRun: Bool = false, skipInvalid: Bool = false) {
        self.table = table
        self.dryRun = dryRun
        self.skipInvalid = skipInvalid
    }
}

/// A data row the import refused, with the reason for each bad cell.
public struct RejectedRow: Sendable, Hashable {
    public struct Issue: Sendable, Hashable {
        /// 0-based column of the bad cell; nil for a problem of the whole row (a duplicate key).
        public let column: Int?
        public let reason: String
    }

    /// 1-based row number in the file.
    public let number: Int
    public let cells: [SheetCell]
    public let issues: [Issue]

    /// All reasons as one text for the 错误原因 column: `F列（总投资）：…；H列（开工日期）：…`.
    public func reasonText(columns: [ImportColumn]) -> String {
        issues.map { issue in
            guard let c = issue.column else { return issue.reason }
            let label = columns.first { $0.index == c }?.label ?? ""
            return "\(ColumnName.letters(c))列（\(label)）：\(issue.reason)"
        }.joined(separator: "；")
    }
}

/// The outcome of an import: what was (or would have been) written and every problem found.
public struct ImportReport: Sendable {
    public let table: Table?
    public let mapping: TableMapping?
    public let sheet: String?
    public let columns: [ImportColumn]
    public internal(set) var problems: ProblemLog
    public internal(set) var counts = ImportCounts()
    public internal(set) var rejected: [RejectedRow] = []
    /// Whether the changes were committed to the replica.
    public internal(set) var committed = false
    /// The `_ds_import` id of a committed import.
    public internal(set) var importID: Int64?
    public internal(set) var dryRun = false

    /// Whether any error was found (in all-or-nothing mode, nothing was written).
    public var hasErrors: Bool { problems.errorCount > 0 }
}
