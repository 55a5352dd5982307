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
    ],
    targets: [
        // System-library shims: the only places C is touched.
        .systemLibrary(name: "CDistrictSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CDistrictXlsx", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CDistrictCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        // Pure core: clocks, changes, the merge rule. No I/O.
        .target(name: "SyncModel", swiftSettings: strict),
        // The catalog of tables and fields, identifier checks, exact amounts and dates.
        .target(name: "Domain", swiftSettings: strict),
        // A thin Swift face over libsqlite3.
        .target(name: "SQLiteDB", dependencies: ["CDistrictSQLite"], swiftSettings: strict),
        // One office's local SQLite replica with change capture.
        .target(name: "Replica", dependencies: ["SyncModel", "Domain", "SQLiteDB"], swiftSettings: strict),
        // The command-line tool.
        .executableTarget(
            name: "dsync",
            dependencies: [
                "Replica", "Domain", "SyncModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // Benchmarks (run by Tools/bench/run.sh, never by the tests).
        .executableTarget(
            name: "dsync-bench",
            dependencies: ["Replica", "Domain", "SQLiteDB"],
            path: "Tools/bench/Sources/dsync-bench",
            swiftSettings: strict
        ),

        .target(name: "DistrictTestSupport", dependencies: ["Replica", "SQLiteDB", "Domain"], path: "Tests/DistrictTestSupport", swiftSettings: strict),
        .testTarget(name: "SyncModelTests", dependencies: ["SyncModel"], swiftSettings: strict),
        .testTarget(name: "DomainTests", dependencies: ["Domain"], swiftSettings: strict),
        .testTarget(name: "SQLiteDBTests", dependencies: ["SQLiteDB", "DistrictTestSupport"], swiftSettings: strict),
        .testTarget(name: "ReplicaTests", dependencies: ["Replica", "Domain", "SyncModel", "SQLiteDB", "DistrictTestSupport", "dsync-bench"], swiftSettings: strict),
        .testTarget(name: "CommandLineTests", dependencies: ["DistrictTestSupport", "dsync"], swiftSettings: strict),
        .testTarget(name: "SystemLibraryTests", dependencies: ["CDistrictSQLite", "CDistrictXlsx", "CDistrictCurl"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
