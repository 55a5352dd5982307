import DistrictTestSupport
import Foundation
import Testing

/// An office whose link is down carries its changes on a file (`dsync sync --export-changes`), the
/// server imports it (`dsync changes import`); importing twice, or importing and then syncing over the
/// network, records every change exactly once.
@Suite("Sneakernet change files", .serialized)
struct SneakernetTests {
    let dsync = ProcessRunner.product("dsync")

    func run(_ args: [String]) throws -> ProcessResult {
        try ProcessRunner.run(dsync, args)
    }

    func count(_ db: String, _ sql: String) throws -> Int {
        Int(try ProcessRunner.sqlite3(db, sql).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test("export → import twice → sync: each change once in the feed, the office converges, the file is refused when damaged")
    func exportImportThenSync() throws {
        let dir = TemporaryDirectory("sneakernet")
        let store = dir.file("central.db")
        let token = try run(["token", "create", "--office", "410103001", "--store", store]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let replica = dir.file("office.dsync")
        // The server is unreachable (nothing listens on port 9): the office exports instead.
        #expect(try run(["init", "--office", "410103001", "--replica", replica, "--server", "http://127.0.0.1:9", "--token", token]).status == 0)
        try ProcessRunner.sqlite3(replica, """
            INSERT INTO project (project_no, name, total_invest) VALUES ('410103001-2024-0001', '兰盾电子产业园', 1500000000);
            INSERT INTO project (project_no, name, total_invest) VALUES ('410103001-2024-0002', '全民健身中心', 520000000);
            UPDATE project SET total_invest = 1600000000 WHERE project_no = '410103001-2024-0001';
            """)
        let file = dir.file("淮河路-修改.dsc")
        let exported = try run(["sync", "--replica", replica, "--export-changes", file])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(FileManager.default.fileExists(atPath: file))

        let first = try run(["changes", "import", file, "--store", store])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("接受 3 项，拒绝 0 项"), "\(first.stdout)")
        let feed = try count(store, "SELECT count(*) FROM feed;")
        #expect(feed == 3)
        let again = try run(["changes", "import", file, "--store", store])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try count(store, "SELECT count(*) FROM feed;") == feed, "a second import records nothing")
        #expect(try count(store, "SELECT count(*) FROM project WHERE total_invest = 1600000000;") == 1)

        // The link comes back: the same batches go over the network and are answered from the stored answers.
        let server = try ServerProcess(store: store)
        #expect(try run(["init", "--office", "410103001", "--replica", replica, "--server", server.url, "--token", token]).status == 0)
        let synced = try run(["sync", "--replica", replica])
        #expect(synced.status == 0, "\(synced.stderr)")
        #expect(try count(store, "SELECT count(*) FROM feed;") == feed)
        let status = try run(["status", "--replica", replica])
        #expect(status.stdout.contains("待同步修改：无"), "\(status.stdout)")

        let damaged = dir.file("坏文件.dsc")
        try Data("not a change file".utf8).write(to: URL(fileURLWithPath: damaged))
        let refused = try run(["changes", "import", damaged, "--store", store])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("不是 DistrictSync 修改文件"), "\(refused.stderr)")
        #expect(try count(store, "SELECT count(*) FROM feed;") == feed)
    }
}
