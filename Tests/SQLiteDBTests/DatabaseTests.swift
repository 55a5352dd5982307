import DistrictTestSupport
import SQLiteDB
import Testing

@Suite("The thin SQLite layer")
struct DatabaseTests {
    @Test("values of every storage class round-trip, including CJK text and empty strings")
    func roundTrip() throws {
        let dir = TemporaryDirectory()
        let db = try Database(path: dir.file("t.db"), mode: .create)
        try db.execute("CREATE TABLE t (v)")
        let values: [SQLValue] = [.null, .integer(-36_980_000_000), .real(0.5), .text("二七区"), .text(""), .blob([0, 1, 255])]
        for v in values { try db.run("INSERT INTO t VALUES (?)", [v]) }
        #expect(try db.query("SELECT v FROM t ORDER BY rowid").map { $0[0] } == values)
    }

    @Test("errors carry the SQLite code and the SQL, never the bound values")
    func errors() throws {
        let dir = TemporaryDirectory()
        let db = try Database(path: dir.file("t.db"), mode: .create)
        try db.execute("CREATE TABLE t (k TEXT UNIQUE)")
        try db.run("INSERT INTO t VALUES (?)", ["13803711234"])
        let e = #expect(throws: DatabaseError.self) { try db.run("INSERT INTO t VALUES (?)", ["13803711234"]) }
        #expect(e?.isConstraintViolation == true)
        #expect(e?.sql == "INSERT INTO t VALUES (?)")
        #expect(e?.description.contains("13803711234") == false)
        #expect(throws: DatabaseError.self) { try db.execute("SELEC 1") }
    }

    @Test("a throwing transaction body rolls everything back")
    func rollback() throws {
        let dir = TemporaryDirectory()
        let db = try Database(path: dir.file("t.db"), mode: .create)
        try db.execute("CREATE TABLE t (x)")
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.run("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(try db.scalar("SELECT count(*) FROM t") == .integer(0))
        #expect(!db.inTransaction)
    }

    @Test("turning triggers off affects this connection only")
    func triggersPerConnection() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("t.db")
        let db = try Database(path: path, mode: .create)
        try db.execute("CREATE TABLE t (x); CREATE TABLE log (x); CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO log VALUES (NEW.x); END;")
        try db.setTriggersEnabled(false)
        try db.run("INSERT INTO t VALUES (1)")
        let other = try Database(path: path)
        try other.run("INSERT INTO t VALUES (2)")
        #expect(try db.query("SELECT x FROM log").map { $0[0] } == [.integer(2)])
        try db.setTriggersEnabled(true)
        try db.run("INSERT INTO t VALUES (3)")
        #expect(try db.query("SELECT x FROM log ORDER BY x").map { $0[0] } == [.integer(2), .integer(3)])
    }

    @Test("opening a missing file read-write fails instead of creating it")
    func noAccidentalCreate() {
        let dir = TemporaryDirectory()
        #expect(throws: DatabaseError.self) { try Database(path: dir.file("missing.db"), mode: .readWrite) }
    }

    @Test("identifiers are quoted safely")
    func quoting() {
        #expect(Database.quote(#"a"b"#) == #""a""b""#)
    }
}
