// swift-tools-version:6.1
// DistrictSync: offline-first sync for district government ledgers.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "DistrictSync",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dsync", targets: ["dsync"]),
        .library(name: "Replica", targets: ["Replica"]),
        .library(name: "Domain", targets: ["Domain"]),
        .library(name: "SyncModel", targets: ["SyncModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // System-library shims: the only places C is touched.
        .systemLibrary(name: "CDistrictSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CDistrictXlsx", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CDistrictCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CDistrictZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CDistrictDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),

        // Pure core: clocks, changes, the merge rule. No I/O.
        .target(name: "SyncModel", swiftSettings: strict),
        // The catalog of tables and fields, identifier checks, exact amounts and dates.
        .target(name: "Domain", swiftSettings: strict),
        // A thin Swift face over libsqlite3.
        .target(name: "SQLiteDB", dependencies: ["CDistrictSQLite"], swiftSettings: strict),
        // gzip bodies with bounded inflation (libdeflate; zlib streams the rare body it cannot size).
        .target(name: "GzipCodec", dependencies: ["CDistrictDeflate", "CDistrictZlib"], swiftSettings: strict),
        // The merge engine over SQLite: cell history, winners, conflict log. Shared by replicas and the SQLite store.
        .target(name: "MergeStore", dependencies: ["SyncModel", "Domain", "SQLiteDB"], swiftSettings: strict),
        // One office's local SQLite replica with change capture.
        .target(name: "Replica", dependencies: ["SyncModel", "Domain", "SQLiteDB", "MergeStore", "GzipCodec"], swiftSettings: strict),
        // The server's change log and merged state (SQLite; PostgreSQL later), tokens, scope.
        .target(
            name: "CentralStore",
            dependencies: ["SyncModel", "Domain", "SQLiteDB", "MergeStore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        // The central store on PostgreSQL (several server instances on one database).
        .target(
            name: "PostgresCentralStore",
            dependencies: [
                "SyncModel", "Domain", "SQLiteDB", "MergeStore", "CentralStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict + [.enableUpcomingFeature("NonisolatedNonsendingByDefault")]
        ),
        // The sync service and its HTTP API (Hummingbird).
        .target(
            name: "SyncServer",
            dependencies: [
                "SyncModel", "CentralStore", "GzipCodec", "Domain",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // The office side of sync: libcurl transport, push/pull loop with retries.
        .target(name: "SyncClient", dependencies: ["SyncModel", "Replica", "SQLiteDB", "GzipCodec", "CDistrictCurl"], swiftSettings: strict),
        // Streaming CSV and xlsx readers (cells, no domain meaning) and a thin Swift face over libxlsxwriter.
        .target(name: "Spreadsheet", dependencies: ["CDistrictXlsx", "CDistrictZlib"], swiftSettings: strict),
        // Sheet rows → domain records: header matching, value coercion, validation, error workbook.
        .target(
            name: "Import",
            dependencies: ["Spreadsheet", "Domain", "Replica", "SQLiteDB", "SyncModel", "MergeStore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        // The official xlsx submissions R1–R6, each a declarative template over a query.
        .target(name: "Reports", dependencies: ["Spreadsheet", "Domain", "SQLiteDB", "Replica", "MergeStore"], swiftSettings: strict),
        // The command-line tool.
        .executableTarget(
            name: "dsync",
            dependencies: [
                "Replica", "Domain", "SyncModel", "CentralStore", "PostgresCentralStore", "SyncServer", "SyncClient",
                "Spreadsheet", "Import", "Reports", "SQLiteDB",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // Benchmarks (run by Tools/bench/run.sh, never by the tests).
        .executableTarget(
            name: "dsync-bench",
            dependencies: [
                "Replica", "Domain", "SQLiteDB", "CentralStore", "PostgresCentralStore", "SyncServer", "SyncClient", "SyncModel", "Spreadsheet", "Reports", "Import",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tools/bench/Sources/dsync-bench",
            swiftSettings: strict
        ),

        .target(name: "DistrictTestSupport", dependencies: ["Replica", "SQLiteDB", "Domain", "CentralStore", "SyncClient", "SyncModel"], path: "Tests/DistrictTestSupport", swiftSettings: strict),
        .testTarget(name: "SyncModelTests", dependencies: ["SyncModel", "DistrictTestSupport"], swiftSettings: strict),
        .testTarget(name: "DomainTests", dependencies: ["Domain"], swiftSettings: strict),
        .testTarget(name: "SQLiteDBTests", dependencies: ["SQLiteDB", "DistrictTestSupport"], swiftSettings: strict),
        .testTarget(name: "ReplicaTests", dependencies: ["Replica", "Domain", "SyncModel", "SQLiteDB", "DistrictTestSupport", "dsync-bench"], swiftSettings: strict),
        .testTarget(name: "CommandLineTests", dependencies: ["DistrictTestSupport", "dsync"], swiftSettings: strict),
        .testTarget(name: "GzipCodecTests", dependencies: ["GzipCodec"], swiftSettings: strict),
        .testTarget(
            name: "SyncServerTests",
            dependencies: ["SyncServer", "SyncModel", "Domain", "GzipCodec", "DistrictTestSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .testTarget(name: "SyncClientTests", dependencies: ["SyncClient", "GzipCodec", "DistrictTestSupport"], exclude: ["test_http_server.py"], swiftSettings: strict),
        .testTarget(
            name: "SyncTests",
            dependencies: [
                "SyncServer", "SyncClient", "CentralStore", "PostgresCentralStore", "Replica", "MergeStore", "SyncModel", "Domain", "SQLiteDB",
                "DistrictTestSupport", "dsync", .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "SpreadsheetTests", dependencies: ["Spreadsheet", "DistrictTestSupport"], swiftSettings: strict),
        .testTarget(name: "ImportTests", dependencies: ["Import", "Spreadsheet", "Domain", "Replica", "SQLiteDB", "DistrictTestSupport"], swiftSettings: strict),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Spreadsheet", "Domain", "Replica", "SQLiteDB", "DistrictTestSupport", "CentralStore", "SyncClient", "dsync"], swiftSettings: strict),
        .testTarget(name: "SystemLibraryTests", dependencies: ["CDistrictSQLite", "CDistrictXlsx", "CDistrictCurl"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
