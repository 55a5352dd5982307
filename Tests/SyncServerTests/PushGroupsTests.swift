@testable import SyncServer
import SyncModel
import Testing

/// How queued pushes are cut into groups: by arrival, up to a number of changes, each replica's batches in
/// sequence order.
@Suite("Cutting queued pushes into groups")
struct PushGroupsTests {
    static let a = SiteID(hex: String(repeating: "a", count: 32))!
    static let b = SiteID(hex: String(repeating: "b", count: 32))!

    static func push(_ site: SiteID, _ seq: Int64, changes: Int) -> PushRequest {
        let change = Change(table: "project", rowID: "01906b00-0000-7000-8000-000000000001", unit: "name", values: ["name": .text("x")],
                            clock: HybridTimestamp(rawValue: 1 << 16), site: site, office: "410103001")
        return PushRequest(batchID: "\(site.hex.prefix(1))\(seq)", replica: site, seq: seq, changes: Array(repeating: change, count: changes))
    }

    static func names(_ group: [PushRequest]) -> [String] { group.map(\.batchID) }

    @Test("a group takes pushes in arrival order while their changes fit, and always at least one")
    func cappedByChanges() {
        var queue = [Self.push(Self.a, 1, changes: 3), Self.push(Self.b, 1, changes: 4), Self.push(Self.a, 2, changes: 4), Self.push(Self.b, 2, changes: 1)]
        #expect(Self.names(PushGroups.take(from: &queue, maxChanges: 7) { $0 }) == ["a1", "b1"])
        #expect(Self.names(queue) == ["a2", "b2"])
        #expect(Self.names(PushGroups.take(from: &queue, maxChanges: 2) { $0 }) == ["a2"], "one push larger than the cap is still taken")
        #expect(Self.names(PushGroups.take(from: &queue, maxChanges: 100) { $0 }) == ["b2"])
        #expect(queue.isEmpty)
    }

    @Test("each replica's batches are put in sequence order in the places they arrived in; other replicas keep theirs")
    func replicaOrder() {
        var queue = [Self.push(Self.a, 3, changes: 1), Self.push(Self.b, 7, changes: 1), Self.push(Self.a, 1, changes: 1),
                     Self.push(Self.b, 5, changes: 1), Self.push(Self.a, 2, changes: 1), Self.push(Self.b, 6, changes: 1)]
        #expect(Self.names(PushGroups.take(from: &queue, maxChanges: 100) { $0 }) == ["a1", "b5", "a2", "b6", "a3", "b7"])
    }

    @Test("a batch queued behind the cut is moved ahead of the later batches of its replica that overtook it")
    func reorderedBeforeCut() {
        var queue = [Self.push(Self.a, 2, changes: 5), Self.push(Self.b, 1, changes: 5), Self.push(Self.a, 1, changes: 5)]
        #expect(Self.names(PushGroups.take(from: &queue, maxChanges: 10) { $0 }) == ["a1", "b1"])
        #expect(Self.names(queue) == ["a2"])
    }
}
