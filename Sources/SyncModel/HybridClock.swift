/// A hybrid logical clock (Kulkarni et al.): never goes backwards, even when the wall clock does, and
/// moves past every clock it receives.
///
/// It is a value type with no I/O; its owner persists `last` in the same transaction as the writes
/// stamped with it, so the clock survives restarts.
public struct HybridClock: Sendable {
    /// The greatest reading handed out or received so far.
    public private(set) var last: HybridTimestamp
    /// How far ahead of the local wall clock a received reading may be before it is refused.
    public let maxDriftMillis: Int64

    public init(last: HybridTimestamp = .zero, maxDriftMillis: Int64 = 24 * 3600 * 1000) {
        self.last = last
        self.maxDriftMillis = maxDriftMillis
    }

    /// A new reading for a local event, strictly greater than every earlier one.
    public mutating func tick(wallMillis: Int64) -> HybridTimestamp {
        let next: HybridTimestamp
        if wallMillis > last.wallMillis {
            next = HybridTimestamp(wallMillis: wallMillis, counter: 0)
        } else if last.counter < HybridTimestamp.maxCounter {
            next = HybridTimestamp(wallMillis: last.wallMillis, counter: last.counter + 1)
        } else {
            // Counter exhausted within one millisecond: borrow the next millisecond.
            next = HybridTimestamp(wallMillis: last.wallMillis + 1, counter: 0)
        }
        last = next
        return next
    }

    /// Moves the clock past a reading received from another site.
    public mutating func receive(_ remote: HybridTimestamp, wallMillis: Int64) throws(ClockError) {
        if remote.wallMillis - wallMillis > maxDriftMillis {
            throw ClockError(remote: remote, localWallMillis: wallMillis, maxDriftMillis: maxDriftMillis)
        }
        if remote > last { last = remote }
    }
}

/// A received clock reading too far in the future to trust (a site with a wrong wall clock).
public struct ClockError: Error, Sendable, CustomStringConvertible {
    public let remote: HybridTimestamp
    public let localWallMillis: Int64
    public let maxDriftMillis: Int64

    public var description: String {
        "收到的时钟比本机快 \((remote.wallMillis - localWallMillis) / 1000) 秒，超过允许的 \(maxDriftMillis / 1000) 秒；请检查发送方电脑的系统时间"
    }
}
