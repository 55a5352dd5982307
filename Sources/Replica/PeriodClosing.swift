internal import SQLiteDB

/// Month closing (月度关账): once a month's figures are reported, `close` freezes the rows keyed by that
/// month in period-keyed tables (项目月度进展, 完成情况); local edits to them are refused until `reopen`
/// with a reason. Both actions are kept in `_ds_period_log`. Local to the replica (what this office
/// reported); changes pulled from other offices are not affected.
enum PeriodClosing {
    /// Format step 2 (idempotent, additive).
    static let ddl = """
        CREATE TABLE IF NOT EXISTS _ds_period (
            period TEXT PRIMARY KEY NOT NULL, closed INTEGER NOT NULL, changed_at INTEGER NOT NULL, reason TEXT
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS _ds_period_log (
            seq INTEGER PRIMARY KEY, period TEXT NOT NULL, action TEXT NOT NULL, at INTEGER NOT NULL, reason TEXT
        );
        """

    /// Tables whose rows belong to one report month through their `period` column (`YYYY-MM` values).
    static let periodKeyedTables: Set<String> = ["project_progress", "indicator_value"]

    static func isClosed(_ db: Database, _ period: String) throws -> Bool {
        try db.scalar("SELECT closed FROM _ds_period WHERE period = ?", [.text(period)])?.integer == 1
    }

    static func closedSet(_ db: Database) throws -> Set<String> {
        Set(try db.query("SELECT period FROM _ds_period WHERE closed = 1").compactMap { $0[0].text })
    }

    static func refusal(_ table: String, label: String, period: String) -> ReplicaError {
        ReplicaError(
            code: "replica.period_closed",
            message: "填报期 \(period) 已关账（已上报），不能修改「\(label)」（\(table)）中该月的数据；如确需更正，请先运行 dsync period reopen \(period) --reason \"原因\"")
    }
}

extension Replica {
    /// One closing or re-opening of a month.
    public struct PeriodEvent: Sendable, Hashable {
        public let period: String
        public let closed: Bool
        public let at: Int64
        public let reason: String?
    }

    /// Closes `period` (`YYYY-MM`): later local edits of that month's rows are refused.
    public func closePeriod(_ period: String) throws {
        try Self.checkPeriod(period)
        try db.transaction {
            if try PeriodClosing.isClosed(db, period) {
                throw ReplicaError(code: "replica.period_already_closed", message: "填报期 \(period) 已经关账")
            }
            try record(period, closed: true, reason: nil)
        }
    }

    /// Re-opens a closed `period`; `reason` is required and kept.
    public func reopenPeriod(_ period: String, reason: String) throws {
        try Self.checkPeriod(period)
        guard !reason.allSatisfy(\.isWhitespace) else {
            throw ReplicaError(code: "replica.reopen_reason", message: "重新打开填报期 \(period) 必须用 --reason 说明原因")
        }
        try db.transaction {
            guard try PeriodClosing.isClosed(db, period) else {
                throw ReplicaError(code: "replica.period_not_closed", message: "填报期 \(period) 未关账，无需重新打开")
            }
            try record(period, closed: false, reason: reason)
        }
    }

    /// Whether `period` is closed.
    public func isPeriodClosed(_ period: String) throws -> Bool { try PeriodClosing.isClosed(db, period) }

    /// Every close and reopen, oldest first.
    public func periodHistory() throws -> [PeriodEvent] {
        try db.query("SELECT period, action, at, reason FROM _ds_period_log ORDER BY seq").map {
            PeriodEvent(period: $0[0].text ?? "", closed: $0[1].text == "close", at: $0[2].integer ?? 0, reason: $0[3].text)
        }
    }

    private func record(_ period: String, closed: Bool, reason: String?) throws {
        let now = wallClock()
        try db.run("""
            INSERT INTO _ds_period (period, closed, changed_at, reason) VALUES (?, ?, ?, ?)
            ON CONFLICT(period) DO UPDATE SET closed = excluded.closed, changed_at = excluded.changed_at, reason = excluded.reason
            """, [.text(period), .integer(closed ? 1 : 0), .integer(now), .text(reason)])
        try db.run("INSERT INTO _ds_period_log (period, action, at, reason) VALUES (?, ?, ?, ?)",
                   [.text(period), .text(closed ? "close" : "reopen"), .integer(now), .text(reason)])
    }

    static func checkPeriod(_ period: String) throws {
        let p = Array(period.utf8)
        guard p.count == 7, p[4] == UInt8(ascii: "-"), p.enumerated().allSatisfy({ $0.offset == 4 || (48...57).contains($0.element) }),
              let m = Int(period.suffix(2)), (1...12).contains(m)
        else {
            throw ReplicaError(code: "replica.bad_period", message: "填报期「\(period)」格式不对，应为 YYYY-MM，例如 2024-05")
        }
    }

    /// Refuses a local write that touches a closed month of a period-keyed table. `periods` are the
    /// period values of the row before and after the write.
    func guardPeriods(_ table: String, _ periods: [String?]) throws {
        guard PeriodClosing.periodKeyedTables.contains(table) else { return }
        for case let p? in periods where try PeriodClosing.isClosed(db, p) {
            throw PeriodClosing.refusal(table, label: catalog.table(table)?.label ?? table, period: p)
        }
    }

    /// The stored `period` of a row, for the guard.
    func storedPeriod(_ table: String, id: String) throws -> String? {
        guard PeriodClosing.periodKeyedTables.contains(table) else { return nil }
        return try db.scalar("SELECT period FROM \(Database.quote(table)) WHERE id = ?", [.text(id)])?.text
    }
}
