public import Domain
public import SQLiteDB

/// Deterministic ids of reference rows (must equal the ids replicas seed: FNV-1a over the unit code,
/// shaped as a version-8 UUID).
public enum ReferenceIDs {
    public static func id(_ code: String) -> String {
        func fnv(_ seed: UInt64) -> UInt64 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
            for b in code.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
            return h
        }
        func hex(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: max(0, 16 - s.count)) + s
        }
        let h = Array(hex(fnv(0)) + hex(fnv(0x9e37_79b9_7f4a_7c15)))
        func part(_ r: Range<Int>) -> String { String(h[r]) }
        return "\(part(0..<8))-\(part(8..<12))-8\(part(13..<16))-a\(part(17..<20))-\(part(20..<32))"
    }

    /// Stores the reference registry of offices in `org_unit`. Every replica and the central store hold
    /// the same rows with the same ids, so reference data never conflicts and is never captured.
    public static func seed(_ db: Database, units: [OrgUnitSeed]) throws {
        let sql = """
            INSERT INTO org_unit (id, owner_unit_id, unit_code, name, short_name, kind, parent_id, gbt2260_code, stats_code, stats_edition)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING
            """
        for u in units {
            try db.run(sql, [
                .text(id(u.unitCode)), .text(u.parentCode ?? u.unitCode), .text(u.unitCode), .text(u.name), .text(u.shortName),
                .text(u.kind), .text(u.parentCode.map(id)), .text(u.gbt2260Code), .text(u.statsCode), .integer(u.statsEdition.map(Int64.init)),
            ])
        }
    }
}
