public import SyncModel
internal import SQLiteDB

/// Unsynced local changes of one table.
public struct PendingSummary: Sendable, Hashable {
    public let table: String
    public let inserts: Int
    public let updates: Int
    public let deletes: Int
    public var total: Int { inserts + updates + deletes }

    public init(table: String, inserts: Int, updates: Int, deletes: Int) {
        self.table = table
        self.inserts = inserts
        self.updates = updates
        self.deletes = deletes
    }
}

/// One entry of the local change log.
public struct LoggedChange: Sendable, Hashable {
    public let seq: Int64
    public let table: String
    public let rowID: String
    public let unit: String
    public let clock: HybridTimestamp
}

extension Replica {
    /// Unsynced local changes per table, tables with none omitted.
    public func pendingSummary() throws -> [PendingSummary] {
        let pushed = try ReplicaMeta.integer(db, "pushed_seq")
        return try db.query("""
            SELECT tbl, sum(unit = '*'), sum(unit <> '*' AND unit <> '-'), sum(unit = '-')
            FROM _ds_log WHERE seq > ? GROUP BY tbl ORDER BY tbl
            """, [.integer(pushed)]).map {
            PendingSummary(table: $0[0].text ?? "", inserts: Int($0[1].integer ?? 0),
                           updates: Int($0[2].integer ?? 0), deletes: Int($0[3].integer ?? 0))
        }
    }

    /// The unsynced local change log in capture order.
    public func pendingLog(limit: Int = .max) throws -> [LoggedChange] {
        let pushed = try ReplicaMeta.integer(db, "pushed_seq")
        return try db.query("SELECT seq, tbl, row_id, unit, hlc FROM _ds_log WHERE seq > ? ORDER BY seq LIMIT ?",
                            [.integer(pushed), .integer(Int64(min(limit, Int(Int64.max))))]).map {
            LoggedChange(seq: $0[0].integer ?? 0, table: $0[1].text ?? "", rowID: $0[2].text ?? "",
                         unit: $0[3].text ?? "", clock: HybridTimestamp(rawValue: $0[4].integer ?? 0))
        }
    }

    /// Re-reads the clock other tools may have advanced through the capture triggers.
    public func refreshClock() throws {
        clock.advance(past: HybridTimestamp(rawValue: try ReplicaMeta.integer(db, "hlc")))
    }
}
