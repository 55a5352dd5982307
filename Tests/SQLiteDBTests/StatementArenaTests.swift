import DistrictTestSupport
import SQLiteDB
import Testing

/// Text bound from the statement's arena (`bindTextInArena`, read in place by SQLite) must store exactly
/// what `bindText` would: every value of every row, whatever the arena had to grow to or could not hold.
@Suite("Text bound from a statement's arena")
struct StatementArenaTests {
    @Test("rows of short, long, empty and Chinese text, the arena grown between rows and overrun within one")
    func storesWhatWasBound() throws {
        let dir = TemporaryDirectory("arena")
        let db = try Database(path: dir.file("t.db"), mode: .create)
        try db.execute("CREATE TABLE t (n INTEGER, a TEXT, b TEXT, c TEXT)")
        let insert = try db.prepare("INSERT INTO t (n, a, b, c) VALUES (?, ?, ?, ?)")
        var rows: [[String]] = []
        for n in 0..<200 {
            let long = String(repeating: "郑州市二七区", count: n * 7)  // up to ~25 KB: the arena grows
            rows.append(["短\(n)", long, n % 3 == 0 ? "" : "二七区-\(n)"])
        }
        for (n, row) in rows.enumerated() {
            insert.reset()
            // Every fourth row reserves too little: the values that do not fit are bound by copy.
            let bytes = row.reduce(0) { $0 + $1.utf8.count }
            insert.reserveArena(n % 4 == 3 ? bytes / 2 : bytes)
            try insert.bind(.integer(Int64(n)), at: 1)
            for (i, text) in row.enumerated() { #expect(insert.bindTextInArena(text, at: Int32(i + 2)) == 0) }
            try insert.step()
        }
        let stored = try db.query("SELECT a, b, c FROM t ORDER BY n").map { $0.map { $0.text ?? "<null>" } }
        #expect(stored == rows)
    }
}
