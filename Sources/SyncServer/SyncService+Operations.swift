import CentralStore
import Domain
import SQLiteDB
public import SyncModel

extension SyncService {
    /// Per-office figures from the store: last push and pull (`office_activity`), replicas, changes
    /// merged and refused (summed from the stored push answers, so a re-sent batch never counts twice),
    /// and the unresolved conflicts each office's edits lost.
    public func operations() async throws(SyncFailure) -> OperationsSnapshot {
        do {
            let rows = try store.query("""
                WITH offices AS (SELECT office FROM office_activity UNION SELECT office FROM replicas),
                answers AS (
                    SELECT r.office AS office,
                           sum(json_extract(CAST(a.answer AS TEXT), '$.accepted')) AS merged,
                           sum(json_array_length(CAST(a.answer AS TEXT), '$.rejected')) AS rejected
                    FROM push_answers a JOIN replicas r ON r.site = a.site GROUP BY r.office
                )
                SELECT o.office, act.last_push_at, act.last_pull_at,
                       (SELECT count(*) FROM replicas r WHERE r.office = o.office),
                       coalesce(ans.merged, 0), coalesce(ans.rejected, 0),
                       (SELECT count(*) FROM _ds_conflict c WHERE c.loser_office = o.office AND c.resolved_hlc IS NULL)
                FROM offices o LEFT JOIN office_activity act ON act.office = o.office LEFT JOIN answers ans ON ans.office = o.office
                ORDER BY o.office
                """)
            let units = Dictionary(store.units.map { ($0.unitCode, $0) }, uniquingKeysWith: { a, _ in a })
            let offices = rows.map { r -> OfficeActivity in
                let code = r[0].text ?? ""
                let district = OfficeScope(office: code, units: store.units)?.district
                return OfficeActivity(
                    office: code, name: units[code]?.name ?? "", district: district, districtName: district.flatMap { units[$0]?.name } ?? "",
                    lastPushAt: r[1].integer, lastPullAt: r[2].integer, replicas: Int(r[3].integer ?? 0),
                    mergedChanges: Int(r[4].integer ?? 0), rejectedChanges: Int(r[5].integer ?? 0), openConflicts: Int(r[6].integer ?? 0))
            }
            let position = try store.query("SELECT coalesce(max(seq), 0) FROM feed").first?.first?.integer ?? 0
            let conflicts = try store.query("SELECT count(*) FROM _ds_conflict WHERE resolved_hlc IS NULL").first?.first?.integer ?? 0
            return OperationsSnapshot(offices: offices, feedPosition: position, openConflicts: Int(conflicts))
        } catch {
            throw SyncFailure(status: 500, code: "store.error", message: "服务器存储出错，无法读取各单位的同步情况")
        }
    }

    public func office(forToken token: String) async -> String? { store.office(forToken: token) }
}
