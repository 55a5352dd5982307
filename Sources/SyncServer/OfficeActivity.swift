public import SyncModel

/// One office as operators see it on the status page and in `/metrics`: who it is, when it last
/// synced, and how many of its changes the server merged or refused. Counts only, no personal data.
public struct OfficeActivity: Sendable, Hashable {
    /// The office's unit code, e.g. `410103001`.
    public var office: String
    /// Its full name from the registry (empty when unknown).
    public var name: String
    /// The county-level unit (区县) code it belongs to, nil for the city.
    public var district: String?
    /// That district's name (empty when unknown).
    public var districtName: String
    /// Unix milliseconds of the last push / pull, nil if never.
    public var lastPushAt: Int64?
    public var lastPullAt: Int64?
    /// Replicas (computers) that have pushed for this office.
    public var replicas: Int
    /// Changes of this office the server accepted and merged.
    public var mergedChanges: Int
    /// Changes of this office the server refused (each with a reason sent back to the replica).
    public var rejectedChanges: Int
    /// Unresolved conflicts in which this office's edit lost.
    public var openConflicts: Int

    public init(
        office: String, name: String, district: String?, districtName: String, lastPushAt: Int64?, lastPullAt: Int64?,
        replicas: Int, mergedChanges: Int, rejectedChanges: Int, openConflicts: Int
    ) {
        self.office = office
        self.name = name
        self.district = district
        self.districtName = districtName
        self.lastPushAt = lastPushAt
        self.lastPullAt = lastPullAt
        self.replicas = replicas
        self.mergedChanges = mergedChanges
        self.rejectedChanges = rejectedChanges
        self.openConflicts = openConflicts
    }
}

/// The whole store's figures for operators, read at once (one consistent snapshot).
public struct OperationsSnapshot: Sendable, Hashable {
    /// Every office that has pushed or pulled, by unit code.
    public var offices: [OfficeActivity]
    /// Position of the last change in the feed (= changes merged in all).
    public var feedPosition: Int64
    /// Unresolved conflicts over all offices.
    public var openConflicts: Int

    public init(offices: [OfficeActivity], feedPosition: Int64, openConflicts: Int) {
        self.offices = offices
        self.feedPosition = feedPosition
        self.openConflicts = openConflicts
    }

    /// Changes refused over all offices.
    public var rejectedChanges: Int { offices.map(\.rejectedChanges).reduce(0, +) }
}

extension SyncBackend {
    /// Derived from ``SyncBackend/status()`` for backends that keep no per-office counts (test doubles):
    /// last sync only, every count zero. Real stores implement ``SyncBackend/operations()`` themselves.
    public func operations() async throws(SyncFailure) -> OperationsSnapshot {
        let s = try await status()
        let offices = s.offices.map {
            OfficeActivity(office: $0.office, name: $0.name, district: nil, districtName: "", lastPushAt: $0.lastSync, lastPullAt: nil,
                           replicas: $0.replicas, mergedChanges: 0, rejectedChanges: 0, openConflicts: 0)
        }
        return OperationsSnapshot(offices: offices, feedPosition: s.logPosition, openConflicts: s.conflicts)
    }

    /// Unknown by default (logs then carry no office).
    public func office(forToken token: String) async -> String? { nil }
}
