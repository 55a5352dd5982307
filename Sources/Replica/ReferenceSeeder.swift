internal import Domain
internal import SQLiteDB

/// Stores the reference registry of offices in `org_unit`. Every replica holds the same rows with the
/// same ids (derived from the unit code), so reference data never conflicts and is not captured as a
/// local change.
enum ReferenceSeeder {
    static func seed(_ db: Database, units: [OrgUnitSeed]) throws {
        let sql = """
            INSERT INTO org_unit (id, owner_unit_id, unit_code, name, short_name, kind, parent_id, gbt2260_code, stats_code, stats_edition)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO NOTHING
            """
        for u in units {
            let parentID = u.parentCode.map(referenceID)
            try db.run(sql, [
                .text(referenceID(u.unitCode)), .text(u.parentCode ?? u.unitCode), .text(u.unitCode), .text(u.name),
                .text(u.shortName), .text(u.kind), .text(parentID), .text(u.gbt2260Code), .text(u.statsCode),
                .integer(u.statsEdition.map(Int64.init)),
            ])
        }
    }

    /// A deterministic UUID-shaped id (version 8) for a reference unit code: FNV-1a over the code.
    static func referenceID(_ code: String) -> String {
        func fnv(_ seed: UInt64) -> UInt64 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
            for b in code.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
            return h
        }
        let a = fnv(0), b = fnv(0x9e37_79b9_7f4a_7c15)
        func hex(_ v: UInt64, _ n: Int) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: max(0, 16 - s.count)) + s
        }
        let h = Array(hex(a, 16) + hex(b, 16))
        func part(_ r: Range<Int>) -> String { String(h[r]) }
        return "\(part(0..<8))-\(part(8..<12))-8\(part(13..<16))-a\(part(17..<20))-\(part(20..<32))"
    }
}
