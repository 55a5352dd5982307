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
            SELECT tbl, sum(CASE WHEN unit = '*' AND kept = 0 THEN rid_to - rid_from + 1 ELSE 0 END),
                   sum(unit <> '*' AND unit <> '-'), sum(unit = '-')
            FROM _ds_log WHERE seq > ? GROUP BY tbl ORDER BY tbl
            """, [.integer(pushed)]).map {
            PendingSummary(table: $0[0].text ?? "", inserts: Int($0[1].integer ?? 0),
                           updates: Int($0[2].integer ?? 0), deletes: Int($0[3].integer ?? 0))
        }
    }

    /// The unsynced local change log in capture order, one entry per row (a logged range of created rows
    /// is expanded to the rows that still exist).
    public func pendingLog() throws -> [LoggedChange] {
        let pushed = try ReplicaMeta.integer(db, "pushed_seq")
        var out: [LoggedChange] = []
        for e in try db.query("SELECT seq, tbl, row_id, rid_from, rid_to, unit, hlc FROM _ds_log WHERE seq > ? ORDER BY seq", [.integer(pushed)]) {
            let seq = e[0].integer ?? 0, table = e[1].text ?? "", unit = e[5].text ?? ""
            let clock = HybridTimestamp(rawValue: e[6].integer ?? 0)
            if unit == MergeUnit.insertName, e[2].isNull, let from = e[3].integer, let to = e[4].integer {
                for r in try db.query("SELECT id FROM \(Database.quote(table)) WHERE _rid BETWEEN ? AND ? ORDER BY _rid", [.integer(from), .integer(to)]) {
                    out.append(LoggedChange(seq: seq, table: table, rowID: r[0].text ?? "", unit: unit, clock: clock))
                }
            } else {
                out.append(LoggedChange(seq: seq, table: table, rowID: e[2].text ?? "", unit: unit, clock: clock))
            }
        }
        return out
    }

    /// Re-reads the clock other tools may have advanced through the capture triggers.
    public func refreshClock() throws {
        clock.advance(past: HybridTimestamp(rawValue: try ReplicaMeta.integer(db, "hlc")))
    }
}
