import Domain
public import SQLiteDB
import Foundation

/// Where a report reads from: an office's replica or a central store file. Both hold the same merged
/// state tables (one per catalog table, deleted rows removed), so templates run the same queries.
///
/// Opened read-only: producing a report never writes to the file it reads.
public final class ReportSource {
    public enum Kind: Sendable, Hashable { case replica, centralStore }

    public let path: String
    /// How the report's data-state line names the source: the file name, or e.g. a PostgreSQL URL
    /// without its password when the file is a snapshot of that store.
    public let displayName: String
    public let kind: Kind
    public let db: Database
    /// The replica's office (nil for a central store).
    public let office: String?
    /// id → unit, for every row of `org_unit`.
    public let units: [String: UnitInfo]
    /// Unit code → id.
    public let unitIDs: [String: String]

    /// A unit as reports name it.
    public struct UnitInfo: Sendable, Hashable {
        public let id: String
        public let code: String
        public let name: String
        public let shortName: String
        public let parentID: String?
    }

    /// Opens the replica or central-store file at `path`; `displayName` defaults to its file name.
    public init(path: String, displayName: String? = nil) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ReportError("report.missing", "找不到数据文件 \(path)")
        }
        let db: Database
        do { db = try Database(path: path, mode: .readOnly) } catch {
            throw ReportError("report.unreadable", "无法打开数据文件 \(path)：\(error)")
        }
        let appID = (try? db.scalar("PRAGMA application_id")?.integer) ?? 0
        switch appID {
        case 0x4453_5250: kind = .replica
        case 0x4453_4353: kind = .centralStore
        default: throw ReportError("report.not_a_store", "\(path) 不是 DistrictSync 副本或中心库文件")
        }
        self.path = path
        self.displayName = displayName ?? (path as NSString).lastPathComponent
        self.db = db
        office = kind == .replica ? (try db.scalar("SELECT value FROM _ds_meta WHERE key = 'office'")?.text) : nil
        var units: [String: UnitInfo] = [:], ids: [String: String] = [:]
        for r in try db.query("SELECT id, unit_code, name, short_name, parent_id FROM org_unit") {
            guard let id = r[0].text, let code = r[1].text else { continue }
            let name = r[2].text ?? code
            units[id] = UnitInfo(id: id, code: code, name: name, shortName: r[3].text ?? name, parentID: r[4].text)
            ids[code] = id
        }
        self.units = units
        self.unitIDs = ids
    }

    /// The unit with this code, if the registry knows it.
    public func unit(code: String) -> UnitInfo? { unitIDs[code].flatMap { units[$0] } }

    /// The unit name for a reference id (`lead_unit_id`, …), or "" when empty or unknown.
    public func unitName(id: String?) -> String {
        guard let id else { return "" }
        return units[id]?.name ?? id
    }

    /// `code` and every unit under it in the registry (a district: its offices; the city: everything).
    public func codes(under code: String) -> Set<String> {
        var result: Set<String> = [code]
        var frontier = [unitIDs[code]].compactMap { $0 }
        var children: [String: [UnitInfo]] = [:]
        for u in units.values { if let p = u.parentID { children[p, default: []].append(u) } }
        while let id = frontier.popLast() {
            for c in children[id] ?? [] where !result.contains(c.code) {
                result.insert(c.code)
                frontier.append(c.id)
            }
        }
        return result
    }

    /// Whether the replica has closed `period` (`dsync period close`); nil for a central store or a
    /// replica without month closing.
    public func periodClosed(_ period: String) throws -> Bool? {
        guard kind == .replica,
              try db.scalar("SELECT count(*) FROM sqlite_master WHERE name = '_ds_period'")?.integer == 1
        else { return nil }
        return try db.scalar("SELECT closed FROM _ds_period WHERE period = ?", [.text(period)])?.integer == 1
    }

    /// When each office last synced, as the file knows it: a replica its own last pull; a central store
    /// every office's last push or pull. Times are milliseconds since 1970.
    public func syncState() throws -> [(office: String, lastSync: Int64?)] {
        switch kind {
        case .replica:
            let pull = try db.scalar("SELECT value FROM _ds_meta WHERE key = 'last_pull_at'")?.integer
            return [(office ?? "", pull)]
        case .centralStore:
            return try db.query("SELECT office, max(coalesce(last_push_at, 0), coalesce(last_pull_at, 0)) FROM office_activity ORDER BY office")
                .compactMap { r in r[0].text.map { ($0, (r[1].integer ?? 0) > 0 ? r[1].integer : nil) } }
        }
    }
}

/// A report failure with a stable code and a Chinese message.
public struct ReportError: Error, Sendable, CustomStringConvertible {
    public let code: String
    public let message: String
    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }
    public var description: String { message }
}
