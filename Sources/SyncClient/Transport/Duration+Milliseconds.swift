extension Duration {
    /// Whole milliseconds, rounded down, never negative — the unit libcurl's `*_MS` options take.
    var wholeMilliseconds: Int {
        let (seconds, attoseconds) = components
        return max(0, Int(seconds) * 1_000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    /// Whole seconds, rounded up, at least 1 — for libcurl options that take seconds.
    var wholeSecondsRoundedUp: Int {
        let (seconds, attoseconds) = components
        return max(1, Int(seconds) + (attoseconds > 0 ? 1 : 0))
    }
}
