internal import SyncModel

/// How queued pushes are cut into the groups the store commits together.
enum PushGroups {
    /// Takes the next group off the front of `queue`. First each replica's pushes in the queue are put in
    /// sequence order, in the places they arrived in (a batch that overtook its predecessor on the wire is
    /// then applied after it); then the group takes pushes from the front while their changes add up to at
    /// most `maxChanges`, and always at least one push.
    static func take<T>(from queue: inout [T], maxChanges: Int, request: (T) -> PushRequest) -> [T] {
        var places: [SiteID: [Int]] = [:]
        for (i, item) in queue.enumerated() { places[request(item).replica, default: []].append(i) }
        for slots in places.values where slots.count > 1 {
            let ordered = slots.map { queue[$0] }.sorted { request($0).seq < request($1).seq }
            for (slot, item) in zip(slots, ordered) { queue[slot] = item }
        }
        var count = 0, total = 0
        for item in queue {
            let changes = request(item).changes.count
            if count > 0 && total + changes > maxChanges { break }
            count += 1
            total += changes
        }
        defer { queue.removeFirst(count) }
        return Array(queue.prefix(count))
    }
}
