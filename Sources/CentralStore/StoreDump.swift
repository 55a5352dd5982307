internal import Crypto
public import Domain
internal import Foundation
public import SQLiteDB

/// The canonical dump of a central store, the same on SQLite and PostgreSQL: which tables, which
/// columns in which order, which key orders the rows, and a SHA-256 over the values. `dsync store copy`
/// prints these checksums for source and destination; equal sums mean equal contents.
public enum StoreDump {
    /// One table of the dump.
    public struct TableSpec: Sendable {
        public let name: String
        public let columns: [String]
        /// Key columns the rows are ordered by (text compared bytewise on both stores).
        public let key: [String]
        /// Which key columns are text (PostgreSQL orders them `COLLATE "C"`, SQLite's BINARY does the same).
        public let textKeys: Set<String>
    }

    /// Every table a copy moves, in copy order: the feed, replicas and their stored answers, tokens,
    /// activity, the history and conflict log, then each state table.
    public static func tables(_ catalog: Catalog) -> [TableSpec] {
        var out = [
            TableSpec(name: "feed", columns: ["seq", "district", "tbl", "row_id", "unit", "hlc", "site", "change", "received_at"], key: ["seq"], textKeys: []),
            TableSpec(name: "replicas", columns: ["site", "office", "push_seq", "first_seen", "last_push_at"], key: ["site"], textKeys: ["site"]),
            TableSpec(name: "push_answers", columns: ["site", "seq", "batch_id", "answer"], key: ["site", "seq"], textKeys: ["site"]),
            TableSpec(name: "tokens", columns: ["hash", "office", "label", "created_at", "revoked_at"], key: ["hash"], textKeys: ["hash"]),
            TableSpec(name: "office_activity", columns: ["office", "last_push_at", "last_pull_at"], key: ["office"], textKeys: ["office"]),
            TableSpec(name: "_ds_history",
                      columns: ["tbl", "row_id", "unit", "hlc", "site", "office", "base_hlc", "base_site", "value", "resolves", "prior"],
                      key: ["tbl", "row_id", "unit", "hlc", "site"], textKeys: ["tbl", "row_id", "unit", "site"]),
            TableSpec(name: "_ds_conflict",
                      columns: ["tbl", "row_id", "unit", "loser_hlc", "loser_site", "loser_office", "loser_value", "winner_hlc", "winner_site",
                                "winner_office", "winner_value", "winner_deleted", "resolved_hlc", "resolved_site", "resolved_office"],
                      key: ["tbl", "row_id", "unit", "loser_hlc", "loser_site"], textKeys: ["tbl", "row_id", "unit", "loser_site"]),
        ]
        for t in catalog.tables {
            out.append(TableSpec(name: t.name, columns: [Table.idColumn, Table.ownerColumn] + t.fields.map(\.name), key: [Table.idColumn],
                                 textKeys: [Table.idColumn]))
        }
        return out
    }

    /// `SELECT columns FROM table ORDER BY key`, quoted with `quote`, text keys followed by `collate`.
    public static func selectSQL(_ t: TableSpec, quote: (String) -> String, collate: String = "") -> String {
        "SELECT \(t.columns.map(quote).joined(separator: ", ")) FROM \(quote(t.name)) ORDER BY "
            + t.key.map { quote($0) + (t.textKeys.contains($0) ? collate : "") }.joined(separator: ", ")
    }

    /// Folds rows into a running SHA-256: each value type-tagged and length-prefixed, so no two different
    /// dumps hash alike by concatenation.
    public struct Hasher {
        private var sha = SHA256()
        public private(set) var rows = 0
        public init() {}

        public mutating func add(_ row: [SQLValue]) {
            var bytes: [UInt8] = []
            for v in row {
                switch v {
                case .null: bytes += [0x4E]
                case .integer(let i): bytes += Array("I\(i);".utf8)
                case .real(let d): bytes += Array("R\(d.bitPattern);".utf8)
                case .text(let s):
                    let u = Array(s.utf8)
                    bytes += Array("T\(u.count):".utf8) + u
                case .blob(let b): bytes += Array("B\(b.count):".utf8) + b
                }
            }
            bytes += [0x0A]
            sha.update(data: bytes)
            rows += 1
        }

        public func finish() -> String { sha.finalize().map { String(format: "%02x", $0) }.joined() }
    }
}
