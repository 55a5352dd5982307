import CentralStore
import Domain
public import SyncModel

extension SyncService {
    /// Per-office figures from the store (whichever kind), with each office's name and district from
    /// the registry, for the status page and `/metrics`.
    public func operations() async throws(SyncFailure) -> OperationsSnapshot {
        let figures: StoreFigures
        do {
            figures = try await store.figures()
        } catch {
            throw SyncFailure(status: 500, code: "store.error", message: "服务器存储出错，无法读取各单位的同步情况")
        }
        let units = store.units
        let byCode = Dictionary(units.map { ($0.unitCode, $0) }, uniquingKeysWith: { a, _ in a })
        let offices = figures.offices.map { f -> OfficeActivity in
            let district = OfficeScope(office: f.office, units: units)?.district
            return OfficeActivity(
                office: f.office, name: byCode[f.office]?.name ?? "", district: district,
                districtName: district.flatMap { byCode[$0]?.name } ?? "",
                lastPushAt: f.lastPushAt, lastPullAt: f.lastPullAt, replicas: f.replicas,
                mergedChanges: f.merged, rejectedChanges: f.rejected, openConflicts: f.openConflicts)
        }
        return OperationsSnapshot(offices: offices, feedPosition: figures.feedPosition, openConflicts: figures.openConflicts)
    }

    /// The office `token` belongs to, for log lines. Answered from `tokenOffices` once the token has been
    /// seen, without waiting for the store (which is busy with the push ahead); looked up there otherwise.
    public nonisolated func office(forToken token: String) async -> String? {
        if let office = tokenOffices.office(for: token) { return office }
        return await lookUpOffice(token)
    }

    private func lookUpOffice(_ token: String) async -> String? {
        let office = await store.office(forToken: token)
        if let office { tokenOffices.record(office, for: token) }
        return office
    }
}
