import SyncModel
import SyncServer

/// Canned wire values with Chinese text, as the clerks' data has.
enum Fixtures {
    static let schemaVersion = 7
    static let token = "tok-410103001-5f2c9a"
    static let site = SiteID(hex: "0123456789abcdef0123456789abcdef")!

    static func change(_ i: Int) -> Change {
        Change(
            table: "project", rowID: "018bcfe5-6800-7000-8000-\(String(100_000_000_000 + i))", unit: "name",
            values: ["name": .text("二七区全民健身运动中心\(i)"), "amount": .integer(1_250_000), "rate": .real(0.35)],
            clock: HybridTimestamp(wallMillis: 1_719_734_400_000, counter: Int64(i % 1000)), site: site, office: "410103001"
        )
    }

    static func pushRequest(changes count: Int = 3) -> PushRequest {
        PushRequest(batchID: "6f1c1e0e-3d1a-4a47-9b1e-2f9d0b7c5a11", replica: site, seq: 4, changes: (0..<count).map(change))
    }

    /// Large enough (over 1 KiB of JSON) to be gzip'd on the way back.
    static func pushResponse() -> PushResponse {
        let rejected = (0..<12).map { i in
            Rejection(
                index: i, table: "project", rowID: "018bcfe5-6800-7000-8000-\(i)", unit: "name", code: "scope.not_owner",
                reason: "这一行属于其他单位（金水区发展和改革委员会），本单位不能修改；请联系该单位处理"
            )
        }
        return PushResponse(
            batchID: "6f1c1e0e-3d1a-4a47-9b1e-2f9d0b7c5a11", seq: 4, accepted: 3, rejected: rejected,
            serverClock: HybridTimestamp(wallMillis: 1_719_734_500_000, counter: 2)
        )
    }

    static let pullResponse = PullResponse(changes: (0..<2).map(change), cursor: 1234, more: false)

    static let status = ServerStatus(
        protocolVersion: SyncProtocol.version, schemaVersion: schemaVersion, logPosition: 1234, conflicts: 2,
        offices: [.init(office: "410103001", name: "二七区发展和改革委员会", lastSync: 1_719_734_400_000, replicas: 1)]
    )
}
