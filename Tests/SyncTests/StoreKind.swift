import CentralStore
import DistrictTestSupport
import Foundation
import PostgresCentralStore
import Testing

/// The central stores the conformance suite runs against.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// A fresh, empty store of this kind: a new SQLite file in `dir`, or a new database on the test
    /// PostgreSQL server.
    func open(_ dir: TemporaryDirectory) async throws -> any CentralStore {
        switch self {
        case .sqlite: return try SQLiteCentralStore(path: dir.file("central.db"), units: TestUnits.all)
        case .postgres: return try await PostgresCentralStore.open(try TestPostgres.freshDatabase(), units: TestUnits.all)
        }
    }
}

/// The PostgreSQL server the tests use: `DSYNC_TEST_POSTGRES_URL`, set by `Tools/with-postgres` (which
/// `Tools/test` wraps `swift test` in). Without it, PostgreSQL tests fail — they never pass untested.
enum TestPostgres {
    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "DSYNC_TEST_POSTGRES_URL is not set: run the tests through Tools/with-postgres (Tools/test does), e.g. Tools/with-postgres swift test --filter CentralStore"
        }
    }

    static var serverURL: PostgresURL? {
        ProcessInfo.processInfo.environment["DSYNC_TEST_POSTGRES_URL"].flatMap(PostgresURL.init)
    }

    /// Creates a new, empty database on the test server and returns its URL (one per test: isolation).
    static func freshDatabase() throws -> PostgresURL {
        guard let server = serverURL else { throw Missing() }
        let name = "dsync_t" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let result = try ProcessRunner.run("/usr/bin/env", ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", server.connectionString,
                                                            "-c", "CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8'"])
        guard result.status == 0 else { throw PSQLFailed(message: result.stderr) }
        return server.with(database: name)
    }

    struct PSQLFailed: Error, CustomStringConvertible {
        let message: String
        var description: String { "psql: \(message)" }
    }
}

extension PostgresURL {
    /// A libpq connection string for psql / pg_dump.
    var connectionString: String { "postgresql://\(user)@\(host):\(port)/\(database)" }
}
