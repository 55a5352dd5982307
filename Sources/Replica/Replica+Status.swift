public import SyncModel
internal import MergeStore
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
        let (outSeq, outRid) = try outboxCursor()
        return try db.query("""
            SELECT tbl,
                   sum(CASE WHEN unit = '*' THEN rid_to - max(rid_from, CASE WHEN seq = ?1 THEN ?2 + 1 ELSE rid_from END) + 1 ELSE 0 END),
                   sum(unit <> '*' AND unit <> '-'), sum(unit = '-')
            FROM _ds_log WHERE seq >= ?1 GROUP BY tbl ORDER BY tbl
            """, [.integer(outSeq), .integer(outRid)]).map {
            PendingSummary(table: $0[0].text ?? "", inserts: Int($0[1].integer ?? 0),
                           updates: Int($0[2].integer ?? 0), deletes: Int($0[3].integer ?? 0))
        }.filter { $0.total > 0 }
    }

    /// The unsynced local change log in capture order, one entry per row (a logged range of created rows
    /// is expanded to the rows that still exist).
    public func pendingLog() throws -> [LoggedChange] {
        let (outSeq, outRid) = try outboxCursor()
        var out: [LoggedChange] = []
        for e in try db.query("SELECT seq, tbl, row_id, rid_from, rid_to, unit, hlc FROM _ds_log WHERE seq >= ? ORDER BY seq", [.integer(outSeq)]) {
            let seq = e[0].integer ?? 0, table = e[1].text ?? "", unit = e[5].text ?? ""
            let clock = HybridTimestamp(rawValue: e[6].integer ?? 0)
            if unit == MergeUnit.insertName, e[2].isNull, let from = e[3].integer, let to = e[4].integer {
                let start = seq == outSeq ? max(from, outRid + 1) : from
                for r in try db.query("SELECT id FROM \(Database.quote(table)) WHERE _rid BETWEEN ? AND ? ORDER BY _rid", [.integer(start), .integer(to)]) {
                    out.append(LoggedChange(seq: seq, table: table, rowID: r[0].text ?? "", unit: unit, clock: clock))
                }
            } else if !(seq == outSeq && outRid > 0) {
                out.append(LoggedChange(seq: seq, table: table, rowID: e[2].text ?? "", unit: unit, clock: clock))
            }
        }
        return out
    }

    /// The outbox position: entries before `seq` are pushed; of the entry at `seq`, rows with `_rid` up to
    /// `rid` are pushed.
    func outboxCursor() throws -> (seq: Int64, rid: Int64) {
        (max(1, try ReplicaMeta.integer(db, "out_seq")), try ReplicaMeta.integer(db, "out_rid"))
    }
}
