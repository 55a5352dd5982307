internal import SQLiteDB
public import SyncModel

/// One concurrent loser and what beat it.
public struct ConflictRecord: Sendable, Hashable {
    public var table: String
    public var rowID: String
    public var unit: String
    public var loser: ChangeID
    public var loserOffice: String
    /// The losing unit's values (column → value).
    public var loserValues: CellValues
    public var winner: ChangeID
    public var winnerOffice: String
    /// The winning values; empty when the winner is the row's deletion.
    public var winnerValues: CellValues
    public var winnerIsDeletion: Bool
    /// The edit that resolved this conflict, if one did.
    public var resolvedBy: ChangeID?
    public var resolvedOffice: String?
}

extension MergeEngine {
    /// Rebuilds the conflict rows of one cell from its history (so the result depends only on the set of
    /// changes held, not on their arrival order).
    func recomputeConflicts(_ table: String, _ rowID: String, _ unit: String) throws {
        let key: [SQLValue] = [.text(table), .text(rowID), .text(unit)]
        try db.run("DELETE FROM _ds_conflict WHERE tbl = ? AND row_id = ? AND unit = ?", key)
        try db.run("""
            INSERT INTO _ds_conflict (tbl, row_id, unit, loser_hlc, loser_site, loser_office, loser_value,
                                      winner_hlc, winner_site, winner_office, winner_value, winner_deleted,
                                      resolved_hlc, resolved_site, resolved_office)
            SELECT h.tbl, h.row_id, h.unit, h.hlc, h.site, h.office, h.value,
                   w.hlc, w.site, w.office, w.value, w.deleted,
                   r.hlc, r.site, r.office
            FROM _ds_history h
            JOIN (
                SELECT hlc, site, office, value, deleted FROM (
                    SELECT hlc, site, office, NULL AS value, 1 AS deleted, 0 AS rank FROM _ds_history
                    WHERE tbl = ?1 AND row_id = ?2 AND unit = '-'
                    UNION ALL
                    SELECT hlc, site, office, value, 0, 1 FROM _ds_history WHERE tbl = ?1 AND row_id = ?2 AND unit = ?3
                ) ORDER BY rank, hlc DESC, site DESC LIMIT 1
            ) w
            LEFT JOIN (
                SELECT y.hlc, y.site, y.office, json_extract(j.value, '$[0]') AS lh, json_extract(j.value, '$[1]') AS ls
                FROM _ds_history y, json_each(y.resolves) j
                WHERE y.tbl = ?1 AND y.row_id = ?2 AND y.unit = ?3 AND y.resolves IS NOT NULL
            ) r ON r.lh = h.hlc AND r.ls = h.site
                AND NOT EXISTS (SELECT 1 FROM _ds_history y2, json_each(y2.resolves) j2
                                WHERE y2.tbl = ?1 AND y2.row_id = ?2 AND y2.unit = ?3 AND y2.resolves IS NOT NULL
                                  AND json_extract(j2.value, '$[0]') = h.hlc AND json_extract(j2.value, '$[1]') = h.site
                                  AND (y2.hlc < r.hlc OR (y2.hlc = r.hlc AND y2.site < r.site)))
            WHERE h.tbl = ?1 AND h.row_id = ?2 AND h.unit = ?3
              AND NOT (w.deleted = 0 AND h.hlc = w.hlc AND h.site = w.site)
              AND NOT EXISTS (SELECT 1 FROM _ds_history y WHERE y.tbl = ?1 AND y.row_id = ?2 AND y.unit = ?3
                              AND y.base_hlc = h.hlc AND y.base_site = h.site)
              AND NOT EXISTS (SELECT 1 FROM _ds_history d WHERE d.tbl = ?1 AND d.row_id = ?2 AND d.unit = '-'
                              AND json_extract(d.value, '$."' || h.unit || '"[0]') = h.hlc
                              AND json_extract(d.value, '$."' || h.unit || '"[1]') = h.site)
            """, key)
    }

    /// The conflict log, open conflicts first, then by table, row, unit and loser.
    public func conflicts(includeResolved: Bool = true) throws -> [ConflictRecord] {
        try db.query("""
            SELECT tbl, row_id, unit, loser_hlc, loser_site, loser_office, loser_value, winner_hlc, winner_site,
                   winner_office, winner_value, winner_deleted, resolved_hlc, resolved_site, resolved_office
            FROM _ds_conflict \(includeResolved ? "" : "WHERE resolved_hlc IS NULL")
            ORDER BY resolved_hlc IS NOT NULL, tbl, row_id, unit, loser_hlc, loser_site
            """).map { r in
            ConflictRecord(
                table: r[0].text ?? "", rowID: r[1].text ?? "", unit: r[2].text ?? "",
                loser: ChangeID(clock: HybridTimestamp(rawValue: r[3].integer ?? 0), site: SiteID(hex: r[4].text ?? "") ?? SiteID.zero),
                loserOffice: r[5].text ?? "", loserValues: try db.decodeValues(r[6].text),
                winner: ChangeID(clock: HybridTimestamp(rawValue: r[7].integer ?? 0), site: SiteID(hex: r[8].text ?? "") ?? SiteID.zero),
                winnerOffice: r[9].text ?? "", winnerValues: try db.decodeValues(r[10].text), winnerIsDeletion: r[11].integer == 1,
                resolvedBy: r[12].integer.map { ChangeID(clock: HybridTimestamp(rawValue: $0), site: SiteID(hex: r[13].text ?? "") ?? SiteID.zero) },
                resolvedOffice: r[14].text)
        }
    }

    /// Open conflicts of one cell (what an edit of that cell resolves).
    public func openConflicts(_ table: String, _ rowID: String, _ unit: String) throws -> [ChangeID] {
        try db.query("""
            SELECT loser_hlc, loser_site FROM _ds_conflict WHERE tbl = ? AND row_id = ? AND unit = ? AND resolved_hlc IS NULL
            ORDER BY loser_hlc, loser_site
            """, [.text(table), .text(rowID), .text(unit)]).compactMap { r in
            guard let h = r[0].integer, let s = SiteID(hex: r[1].text ?? "") else { return nil }
            return ChangeID(clock: HybridTimestamp(rawValue: h), site: s)
        }
    }

    /// Recomputes the conflicts of every changed cell of a row (after its deletion).
    public func recomputeConflicts(ofRow table: String, _ rowID: String) throws {
        for unit in try db.query("SELECT DISTINCT unit FROM _ds_history WHERE tbl = ? AND row_id = ? AND unit <> '-'", [.text(table), .text(rowID)]) {
            try recomputeConflicts(table, rowID, unit[0].text ?? "")
        }
    }

    /// Recomputes one cell's conflicts (after a local edit recorded outside `apply`).
    public func recomputeConflicts(forCell table: String, _ rowID: String, _ unit: String) throws {
        try recomputeConflicts(table, rowID, unit)
    }
}

extension SiteID {
    /// The all-zero site id (placeholder for unreadable stored ids).
    public static let zero = SiteID(hex: String(repeating: "0", count: 32))!
}
