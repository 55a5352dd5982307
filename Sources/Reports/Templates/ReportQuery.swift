import Domain
import SQLiteDB
import Foundation

/// Row access helpers shared by the templates (typed reads of SQL values).
extension Array where Element == SQLValue {
    func text(_ i: Int) -> String? { i < count ? self[i].text : nil }
    func str(_ i: Int) -> String { text(i) ?? "" }
    func int(_ i: Int) -> Int64? { i < count ? self[i].integer : nil }
    func money(_ i: Int) -> Money { Money(yuan: int(i) ?? 0) }
    func value(_ i: Int) -> ReportValue { text(i).map { $0.isEmpty ? .empty : .text($0) } ?? .empty }
    func date(_ i: Int) -> ReportValue { text(i).map { $0.isEmpty ? .empty : .date($0) } ?? .empty }
}

/// Exact sums of amounts (Int64 元; an overflow is a data error, reported).
struct MoneySum {
    private(set) var total = Money.zero
    mutating func add(_ m: Money) throws {
        guard let t = total.adding(m) else { throw ReportError("report.overflow", "金额合计溢出") }
        total = t
    }
}

extension ReportContext {
    /// Runs `sql` with the owner filter substituted for `{owners}` (alias given) and `args` after it.
    func rows(_ sql: String, alias: String, _ args: [SQLValue] = []) throws -> [[SQLValue]] {
        let f = ownerFilter(alias)
        let text = sql.replacingOccurrences(of: "{owners}", with: f.sql)
        // Positional arguments: the owner filter's come where {owners} sits; callers put {owners} last.
        return try source.db.query(text, args + f.args)
    }

    /// The person's name for a `person` id, "" when none.
    func personName(_ id: String?) throws -> String {
        guard let id else { return "" }
        return try source.db.scalar("SELECT name FROM person WHERE id = ?", [.text(id)])?.text ?? ""
    }
}
