import SyncModel
import Testing

@Suite("Hybrid logical clock")
struct HybridClockTests {
    @Test("readings strictly increase while the wall clock stands still or jumps back")
    func monotonic() {
        var c = HybridClock()
        var last = HybridTimestamp.zero
        for wall: Int64 in [1_000, 1_000, 1_000, 999, 500, 1_001, 1_001, 2_000, 10] {
            let t = c.tick(wallMillis: wall)
            #expect(t > last)
            last = t
        }
        #expect(last.wallMillis == 2_000)
        #expect(last.counter == 1)
    }

    @Test("a new wall millisecond resets the counter")
    func counterResets() {
        var c = HybridClock()
        _ = c.tick(wallMillis: 5)
        _ = c.tick(wallMillis: 5)
        #expect(c.tick(wallMillis: 6) == HybridTimestamp(wallMillis: 6, counter: 0))
    }

    @Test("counter exhaustion borrows the next millisecond instead of wrapping")
    func counterOverflow() {
        var c = HybridClock(last: HybridTimestamp(wallMillis: 7, counter: HybridTimestamp.maxCounter))
        let t = c.tick(wallMillis: 7)
        #expect(t == HybridTimestamp(wallMillis: 8, counter: 0))
    }

    @Test("receiving a later clock moves past it; an earlier one changes nothing")
    func receive() throws {
        var c = HybridClock()
        _ = c.tick(wallMillis: 100)
        try c.receive(HybridTimestamp(wallMillis: 5_000, counter: 3), wallMillis: 100)
        #expect(c.tick(wallMillis: 100) == HybridTimestamp(wallMillis: 5_000, counter: 4))
        try c.receive(HybridTimestamp(wallMillis: 1, counter: 0), wallMillis: 100)
        #expect(c.last == HybridTimestamp(wallMillis: 5_000, counter: 4))
    }

    @Test("a received clock further ahead than the allowed drift is refused and not adopted")
    func driftRefused() {
        var c = HybridClock(maxDriftMillis: 1_000)
        #expect(throws: ClockError.self) { try c.receive(HybridTimestamp(wallMillis: 3_000, counter: 0), wallMillis: 1_000) }
        #expect(c.last == .zero)
    }

    @Test("packing keeps the order of (wall, counter)")
    func packing() {
        let a = HybridTimestamp(wallMillis: 1_719_734_400_000, counter: 65_535)
        let b = HybridTimestamp(wallMillis: 1_719_734_400_001, counter: 0)
        #expect(a < b)
        #expect(a.wallMillis == 1_719_734_400_000 && a.counter == 65_535)
        #expect(a.description == "1719734400000.65535")
    }
}
