import DistrictTestSupport
import Foundation
import Testing

/// `dsync backup` (SQLite online backup, verified, atomic) and `dsync restore --store`, with the real
/// binaries: a backup taken while `dsync serve` is merging a large push, then restored and served.
@Suite("Backup and restore", .serialized)
struct BackupRestoreTests {
    let dsync = ProcessRunner.product("dsync")

    func text(_ db: String, _ sql: String) throws -> String {
        try ProcessRunner.sqlite3(db, sql).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func count(_ db: String, _ sql: String) throws -> Int { Int(try text(db, sql)) ?? -1 }

    @Test("a store backup taken while the server merges a push is consistent; restored, the server serves it and replicas go on")
    func onlineStoreBackupAndRestore() throws {
        let dir = TemporaryDirectory("backup")
        let store = dir.file("central.db")
        let t = try ProcessRunner.run(dsync, ["token", "create", "--office", "410103001", "--store", store])
        let token = t.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try ServerProcess(store: store)
        let a = dir.file("a.dsync")
        try #require(try ProcessRunner.run(dsync, ["init", "--office", "410103001", "--replica", a, "--server", server.url, "--token", token]).status == 0)
        try ProcessRunner.sqlite3(a, """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
            INSERT INTO project (project_no, name, total_invest) SELECT '410103001-2024-' || i, '项目' || i, i * 10000 FROM n;
            """)
        // Back up repeatedly while the sync runs: every copy must be intact, whatever moment it caught.
        let sync = Process()
        sync.executableURL = URL(fileURLWithPath: dsync)
        sync.arguments = ["sync", "--replica", a]
        sync.standardOutput = FileHandle.nullDevice
        sync.standardError = FileHandle.nullDevice
        try sync.run()
        var copies: [String] = []
        repeat {
            let out = dir.file("online-\(copies.count).db")
            let b = try ProcessRunner.run(dsync, ["backup", "--store", store, "-o", out])
            #expect(b.status == 0, "\(b.stderr)")
            #expect(b.stdout.contains("完整性检查通过"))
            copies.append(out)
        } while sync.isRunning && copies.count < 20
        sync.waitUntilExit()
        #expect(sync.terminationStatus == 0)
        for copy in copies {
            #expect(try text(copy, "PRAGMA integrity_check;") == "ok")
            #expect(try text(copy, "PRAGMA journal_mode;") == "delete")  // one self-contained file
            #expect(!FileManager.default.fileExists(atPath: copy + ".partial"))
            // Batches are transactions: a copy holds whole batches, and feed and state agree.
            let feed = try count(copy, "SELECT count(*) FROM feed;"), rows = try count(copy, "SELECT count(*) FROM project;")
            #expect(feed == rows)
            let answered = try count(copy, "SELECT coalesce(sum(json_extract(CAST(answer AS TEXT), '$.accepted')), 0) FROM push_answers;")
            #expect(feed == answered, "\(feed) changes in the feed, \(answered) in the stored answers: not whole batches")
        }

        let full = dir.file("full.db")
        #expect(try ProcessRunner.run(dsync, ["backup", "--store", store, "-o", full]).status == 0)
        #expect(try count(full, "SELECT count(*) FROM project;") == 20000)

        // The disk dies; the server is restored from the full backup.
        server.killHard()
        let refused = try ProcessRunner.run(dsync, ["restore", full, "--store", store])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--force"))
        let restored = try ProcessRunner.run(dsync, ["restore", full, "--store", store, "--force"])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(FileManager.default.fileExists(atPath: store + ".before-restore"))
        try server.start()
        try ProcessRunner.sqlite3(a, "UPDATE project SET remark = '恢复后修改' WHERE project_no = '410103001-2024-7';")
        let after = try ProcessRunner.run(dsync, ["sync", "--replica", a])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(try count(store, "SELECT count(*) FROM project WHERE remark = '恢复后修改';") == 1)
        #expect(try count(store, "SELECT count(*) FROM project;") == 20000)
    }

    @Test("a replica backup is an intact copy with every row and the sync positions; wrong kinds are refused")
    func replicaBackup() throws {
        let dir = TemporaryDirectory("backup")
        let a = dir.file("a.dsync")
        try #require(try ProcessRunner.run(dsync, ["init", "--office", "410103001", "--replica", a]).status == 0)
        try ProcessRunner.sqlite3(a, "INSERT INTO project (project_no, name) VALUES ('p1', '甲'), ('p2', '乙');")
        let out = dir.file("a-backup.dsync")
        let b = try ProcessRunner.run(dsync, ["backup", "--replica", a, "-o", out])
        #expect(b.status == 0, "\(b.stderr)")
        #expect(try text(out, "PRAGMA integrity_check;") == "ok")
        #expect(try text(out, "SELECT group_concat(name, ',') FROM (SELECT name FROM project ORDER BY name);") == "乙,甲")
        #expect(try text(out, "SELECT value FROM _ds_meta WHERE key = 'site';") == (try text(a, "SELECT value FROM _ds_meta WHERE key = 'site';")))
        #expect(try count(out, "SELECT count(*) FROM _ds_log;") == (try count(a, "SELECT count(*) FROM _ds_log;")))

        let asStore = try ProcessRunner.run(dsync, ["backup", "--store", a, "-o", dir.file("x.db")])
        #expect(asStore.status == 1)
        #expect(asStore.stderr.contains("不是 DistrictSync 中心库"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("x.db")))
        let plain = dir.file("plain.db")
        try ProcessRunner.sqlite3(plain, "CREATE TABLE t (x);")
        let other = try ProcessRunner.run(dsync, ["backup", "--replica", plain, "-o", dir.file("y.db")])
        #expect(other.status == 1)
        #expect(other.stderr.contains("不是 DistrictSync 副本"))
        let restoreReplica = try ProcessRunner.run(dsync, ["restore", out, "--store", dir.file("c.db")])
        #expect(restoreReplica.status == 1)
        #expect(restoreReplica.stderr.contains("不是 DistrictSync 中心库"))
    }

    /// Tokens for 淮河路 (410103001) and 铭功路 (410103003), a server, and one replica each.
    final class Offices {
        let dir: TemporaryDirectory
        let server: ServerProcess
        let a: String, b: String
        let dsync = ProcessRunner.product("dsync")
        var store: String { server.store }

        init() throws {
            let dir = TemporaryDirectory("restore"), dsync = ProcessRunner.product("dsync")
            let store = dir.file("central.db")
            func token(_ office: String) throws -> String {
                let r = try ProcessRunner.run(dsync, ["token", "create", "--office", office, "--store", store])
                try #require(r.status == 0, "\(r.stderr)")
                return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let ta = try token("410103001"), tb = try token("410103003")
            let server = try ServerProcess(store: store)
            let (a, b) = (dir.file("a.dsync"), dir.file("b.dsync"))
            for (path, office, t) in [(a, "410103001", ta), (b, "410103003", tb)] {
                let r = try ProcessRunner.run(dsync, ["init", "--office", office, "--replica", path, "--server", server.url, "--token", t])
                try #require(r.status == 0, "\(r.stderr)")
            }
            (self.dir, self.server, self.a, self.b) = (dir, server, a, b)
        }

        func sync(_ replica: String) throws {
            let r = try ProcessRunner.run(dsync, ["sync", "--replica", replica])
            try #require(r.status == 0, "\(r.stderr)")
        }

        func sql(_ db: String, _ sql: String) throws { try #require(try ProcessRunner.sqlite3(db, sql).status == 0) }
    }

    /// project_no → total_invest, name, remark of every project in `db`, as one text for comparison.
    func projects(_ db: String) throws -> String {
        try text(db, "SELECT group_concat(project_no || '|' || coalesce(total_invest, '') || '|' || name || '|' || coalesce(remark, ''), ';') FROM (SELECT * FROM project ORDER BY project_no);")
    }

    /// The server's feed holds no change twice.
    func duplicatesInFeed(_ store: String) throws -> Int {
        try count(store, "SELECT count(*) FROM (SELECT tbl, row_id, unit, hlc FROM feed GROUP BY tbl, row_id, unit, hlc HAVING count(*) > 1);")
    }

    @Test("a replica restored from an old backup re-syncs: every synced edit comes back, none is applied twice, pushes go on")
    func replicaRestoredFromOldBackup() throws {
        let o = try Offices()
        // Synced before the backup.
        try o.sql(o.a, "INSERT INTO project (project_no, name, total_invest) VALUES ('P1', '兰盾电子产业园', 100), ('P2', '健身中心', 200);")
        try o.sync(o.a)
        // Pending at the backup, synced after it: these reach the server from the old identity.
        try o.sql(o.a, "INSERT INTO project (project_no, name, total_invest) VALUES ('P3', '城中村改造', 300); UPDATE project SET remark = '备份前未同步' WHERE project_no = 'P1';")
        let backup = o.dir.file("a-backup.dsync")
        #expect(try ProcessRunner.run(o.dsync, ["backup", "--replica", o.a, "-o", backup]).status == 0)
        try o.sync(o.a)
        // Made after the backup and synced.
        try o.sql(o.a, "INSERT INTO project (project_no, name, total_invest) VALUES ('P4', '数据中心', 400); UPDATE project SET total_invest = 250 WHERE project_no = 'P2';")
        try o.sync(o.a)
        try o.sql(o.b, "INSERT INTO lead (lead_no, title) VALUES ('L1', '比亚迪体验中心');")
        try o.sync(o.b)
        // Made after the backup, never synced: lost with the disk (the backup never had them).
        try o.sql(o.a, "INSERT INTO project (project_no, name) VALUES ('P5', '从未同步'); UPDATE project SET name = '从未同步的改名' WHERE project_no = 'P4';")
        let serverBefore = try projects(o.store)
        let feedBefore = try count(o.store, "SELECT count(*) FROM feed;")

        // The disk dies.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: o.a + suffix) }
        let restored = try ProcessRunner.run(o.dsync, ["restore", backup, "--replica", o.a])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(restored.stdout.contains("尚未得到服务器确认"))
        #expect(try text(o.a, "SELECT value FROM _ds_meta WHERE key = 'site';") != (try text(backup, "SELECT value FROM _ds_meta WHERE key = 'site';")))
        try o.sync(o.a)

        // Every synced edit is back on the replica; the never-synced ones are nowhere; nothing was applied twice.
        #expect(try projects(o.a) == serverBefore)
        #expect(try projects(o.store) == serverBefore)
        #expect(serverBefore.contains("P2|250|") && serverBefore.contains("P1|100|兰盾电子产业园|备份前未同步") && serverBefore.contains("P4|400|数据中心|"))
        #expect(!serverBefore.contains("从未同步"))
        #expect(try count(o.a, "SELECT count(*) FROM lead WHERE lead_no = 'L1';") == 1)
        #expect(try count(o.store, "SELECT count(*) FROM feed;") == feedBefore)
        #expect(try duplicatesInFeed(o.store) == 0)
        #expect(try count(o.a, "SELECT count(*) FROM _ds_conflict;") == 0)
        #expect(try count(o.store, "SELECT count(*) FROM _ds_conflict;") == 0)

        // Pushes work afterwards, under the new identity, and reach the other office.
        try o.sql(o.a, "UPDATE project SET remark = '恢复后修改' WHERE project_no = 'P3'; INSERT INTO project (project_no, name) VALUES ('P6', '恢复后新建');")
        try o.sync(o.a)
        try o.sync(o.b)
        #expect(try count(o.store, "SELECT count(*) FROM project WHERE remark = '恢复后修改' OR project_no = 'P6';") == 2)
        #expect(try projects(o.b) == (try projects(o.store)))
        #expect(try count(o.store, "SELECT count(DISTINCT site) FROM replicas WHERE office = '410103001';") == 2)
        #expect(try duplicatesInFeed(o.store) == 0)
        #expect(try count(o.a, "SELECT count(*) FROM _ds_log WHERE seq >= (SELECT value FROM _ds_meta WHERE key = 'out_seq');") == 0)
    }

    @Test("edits pending in the backup that never reached the server are pushed once after the restore, as the new identity")
    func pendingEditsInBackupArePushed() throws {
        let o = try Offices()
        try o.sql(o.a, "INSERT INTO project (project_no, name, total_invest) VALUES ('P1', '兰盾电子产业园', 100);")
        try o.sync(o.a)
        try o.sync(o.b)
        try o.sql(o.a, """
            INSERT INTO project (project_no, name) VALUES ('P2', '备份里未同步的新建');
            UPDATE project SET total_invest = 150 WHERE project_no = 'P1';
            UPDATE project SET total_invest = 175 WHERE project_no = 'P1';
            """)
        let backup = o.dir.file("a-backup.dsync")
        #expect(try ProcessRunner.run(o.dsync, ["backup", "--replica", o.a, "-o", backup]).status == 0)
        // Meanwhile 铭功路 edits nothing of 淮河路's; the disk of 淮河路's computer dies before any sync.
        let exists = try ProcessRunner.run(o.dsync, ["restore", backup, "--replica", o.a])
        #expect(exists.status == 1)
        #expect(exists.stderr.contains("--force"))
        let restored = try ProcessRunner.run(o.dsync, ["restore", backup, "--replica", o.a, "--force"])
        #expect(restored.status == 0, "\(restored.stderr)")
        try o.sync(o.a)
        try o.sync(o.b)
        #expect(try projects(o.store) == "P1|175|兰盾电子产业园|;P2||备份里未同步的新建|")
        #expect(try projects(o.b) == (try projects(o.store)))
        let newSite = try text(o.a, "SELECT value FROM _ds_meta WHERE key = 'site';")
        #expect(try count(o.store, "SELECT count(*) FROM feed WHERE site = '\(newSite)';") == 3)  // P2's creation and the two edits
        #expect(try duplicatesInFeed(o.store) == 0)
        #expect(try count(o.store, "SELECT count(*) FROM _ds_conflict;") == 0)
        #expect(try count(o.a, "SELECT count(*) FROM _ds_conflict;") == 0)
    }

    @Test("a replica that pushed after the store's backup is refused by the restored store with a clear error, and keeps every edit")
    func replicaAheadOfRestoredStore() throws {
        let o = try Offices()
        try o.sql(o.a, "INSERT INTO project (project_no, name) VALUES ('P1', '兰盾电子产业园');")
        try o.sync(o.a)
        let backup = o.dir.file("central-backup.db")
        #expect(try ProcessRunner.run(o.dsync, ["backup", "--store", o.store, "-o", backup]).status == 0)
        try o.sql(o.a, "INSERT INTO project (project_no, name) VALUES ('P2', '备份后同步');")
        try o.sync(o.a)
        o.server.killHard()
        let r = try ProcessRunner.run(o.dsync, ["restore", backup, "--store", o.store, "--force"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("docs/OPERATIONS.md"))
        try o.server.start()
        #expect(try count(o.store, "SELECT count(*) FROM project;") == 1)

        try o.sql(o.a, "INSERT INTO project (project_no, name) VALUES ('P3', '恢复后新建');")
        let refused = try ProcessRunner.run(o.dsync, ["sync", "--replica", o.a, "--retries", "1"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("批次序号不连续"), "\(refused.stderr)")
        #expect(refused.stderr.contains("中心库刚从备份恢复"))
        #expect(refused.stderr.contains("本地修改都已保留"))
        // Nothing was lost on the replica: all three rows, and the unsent one still waits in the outbox.
        #expect(try count(o.a, "SELECT count(*) FROM project;") == 3)
        #expect(try count(o.a, "SELECT count(*) FROM _ds_log WHERE seq >= (SELECT value FROM _ds_meta WHERE key = 'out_seq');") == 1)
        #expect(try count(o.store, "SELECT count(*) FROM project;") == 1)
    }
}
