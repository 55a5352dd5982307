import Spreadsheet

/// One thing wrong with (or worth knowing about) an import, located as precisely as the file allows.
///
/// `description` is the Chinese line a clerk reads:
/// `错误：工作表「项目」第 12 行 F 列「总投资（万元）」值“约5亿元”：金额“约”表示约数……`
public struct ImportProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: Sendable, Hashable { case error, warning }

    public let severity: Severity
    /// A stable code for programs and tests (`money.approximate`, `import.duplicate_key`, …).
    public let code: String
    public let sheet: String?
    /// 1-based row number in the file.
    public let row: Int?
    /// 0-based column.
    public let column: Int?
    public let header: String?
    public let value: String?
    /// What is wrong and what to do, in Chinese.
    public let reason: String

    public init(_ severity: Severity, code: String, sheet: String? = nil, row: Int? = nil, column: Int? = nil,
                header: String? = nil, value: String? = nil, reason: String) {
        self.severity = severity
        self.code = code
        self.sheet = sheet
        self.row = row
        self.column = column
        self.header = header
        self.value = value
        self.reason = reason
    }

    /// Column letters (`F`), when the problem is in a column.
    public var columnLetters: String? { column.map(ColumnName.letters) }

    /// Where, without what: `工作表「项目」第 12 行 F 列「总投资（万元）」`.
    public var location: String {
        var text = sheet.map { "工作表「\($0)」" } ?? ""
        if let row { text += "第 \(row) 行" }
        if let letters = columnLetters { text += (text.isEmpty ? "" : " ") + "\(letters) 列" + (header.map { "「\($0)」" } ?? "") }
        return text
    }

    public var description: String {
        let kind = severity == .error ? "错误" : "提示"
        var text = kind + "："
        let location = location
        if !location.isEmpty { text += location }
        if let value { text += "值“\(value)”" }
        if !location.isEmpty || value != nil { text += "：" }
        return text + reason
    }
}

/// Problems collected over a whole file: every one counted, the first `limit` of each severity kept.
public struct ProblemLog: Sendable {
    public private(set) var kept: [ImportProblem] = []
    public private(set) var errorCount = 0
    public private(set) var warningCount = 0
    public let limit: Int

    public init(limit: Int = 1_000) { self.limit = limit }

    public mutating func add(_ problem: ImportProblem) {
        switch problem.severity {
        case .error:
            errorCount += 1
            if errorCount <= limit { kept.append(problem) }
        case .warning:
            warningCount += 1
            if warningCount <= limit { kept.append(problem) }
        }
    }

    public var errors: [ImportProblem] { kept.filter { $0.severity == .error } }
    public var warnings: [ImportProblem] { kept.filter { $0.severity == .warning } }
    /// How many problems were counted but not kept.
    public var omitted: Int { max(0, errorCount - limit) + max(0, warningCount - limit) }
}
