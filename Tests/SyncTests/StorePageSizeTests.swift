@testable import CentralStore
import DistrictTestSupport
import Domain
import SQLiteDB
import SyncModel
import Testing

/// A new SQLite central store is made with 8 KiB pages; a store an older build made with 4 KiB keeps its
/// pages and works as before; either checkpoints every 384 MB of WAL.
@Suite("The central store's page size")
struct StorePageSizeTests {
    static func pageSize(_ path: String) throws -> Int64? {
        try Database(path: path, mode: .readOnly).scalar("PRAGMA page_size")?.integer
    }

    /// A store at `path` holding batch 1 of 淮河路 (300 projects), closed again; returns the office's token.
    static func storeWithOneBatch(_ path: String) throws -> String {
        let store = try SQLiteCentralStore(path: path, units: TestUnits.all)
        let token = try store.createToken(office: TestUnits.huaiheRoad)
        #expect(try store.push(StoreThreadTests.batch(1, count: 300), token: token).accepted == 300)
        return token
    }

    /// Rewrites the closed store at `path` with `size`-byte pages: docs/OPERATIONS.md's conversion (a page
    /// size changes only outside WAL mode, which a closed store's connections no longer hold).
    static func convert(_ path: String, pageSize size: Int) throws {
        let db = try Database(path: path)
        try db.execute("PRAGMA journal_mode = DELETE; PRAGMA page_size = \(size); VACUUM; PRAGMA journal_mode = WAL;")
    }

    @Test("a new store has 8 KiB pages in WAL mode and checkpoints every 49,152 frames (384 MB)")
    func newStore() throws {
        let dir = TemporaryDirectory("page-size-new")
        let store = try SQLiteCentralStore(path: dir.file("central.db"), units: TestUnits.all)
        let token = try store.createToken(office: TestUnits.huaiheRoad)
        #expect(try store.push(StoreThreadTests.batch(1, count: 300), token: token).accepted == 300)
        #expect(try Self.pageSize(dir.file("central.db")) == 8_192)
        #expect(try Database(path: dir.file("central.db"), mode: .readOnly).scalar("PRAGMA journal_mode")?.text == "wal")
        #expect(store.checkpointer.thresholdFrames == 49_152)
        #expect(SQLiteCentralStore.checkpointFrames(pageSize: 4_096) == 98_304)
    }

    @Test("a store made with 4 KiB pages is opened as it is: its rows kept, pushes merged, checkpoints every 98,304 frames")
    func olderStoreKeepsItsPages() throws {
        let dir = TemporaryDirectory("page-size-old")
        let path = dir.file("central.db")
        let token = try Self.storeWithOneBatch(path)
        try Self.convert(path, pageSize: 4_096)  // what an older build made: the same store on 4 KiB pages
        #expect(try Self.pageSize(path) == 4_096)
        let store = try SQLiteCentralStore(path: path, units: TestUnits.all)
        #expect(store.checkpointer.thresholdFrames == 98_304)
        #expect(try store.push(StoreThreadTests.batch(2, count: 300), token: token).accepted == 300)
        #expect(try store.query("SELECT count(*) FROM project WHERE owner_unit_id = ?", [.text(TestUnits.huaiheRoad)]).first?.first == .integer(600))
        #expect(try Self.pageSize(path) == 4_096)
    }

    @Test("docs/OPERATIONS.md's conversion of a stopped 4 KiB store to 8 KiB pages keeps every row and the store's sequence")
    func conversionToEightKiB() throws {
        let dir = TemporaryDirectory("page-size-convert")
        let path = dir.file("central.db")
        let token = try Self.storeWithOneBatch(path)
        try Self.convert(path, pageSize: 4_096)
        #expect(try Self.pageSize(path) == 4_096)
        try Self.convert(path, pageSize: 8_192)  // the documented command
        #expect(try Self.pageSize(path) == 8_192)
        let store = try SQLiteCentralStore(path: path, units: TestUnits.all)
        #expect(store.checkpointer.thresholdFrames == 49_152)
        #expect(try store.push(StoreThreadTests.batch(2, count: 300), token: token).accepted == 300)
        #expect(try store.query("SELECT count(*) FROM project WHERE owner_unit_id = ?", [.text(TestUnits.huaiheRoad)]).first?.first == .integer(600))
    }
}
