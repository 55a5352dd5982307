/// How hard a body is gzip'd on its way between replica and server: the level that gets it across soonest,
/// counting the time to compress it and the time to send it. Both directions follow the same rule.
///
/// On the anchor rows (about 810 bytes of JSON a change), level 6 shrinks a batch 8.1× at 8.4 µs a change
/// and level 1 5.95× at 3.6 µs: level 1 sends 36 bytes more a change and saves 4.8 µs, so it wins on
/// links faster than about 7.4 MB/s (a LAN, the district's own network) and loses on slower ones (an
/// office's 4G or ADSL uplink). Pushes: the replica gzips at the level for the uplink's speed as the
/// server measured receiving the last large body (`Server-Timing: recv;dur=…` on push answers). Pulls: the
/// replica measures how fast the last large answer arrived and asks for the level for that speed
/// (`DistrictSync-Gzip-Level`); a clone of the anchor's 1M rows on loopback spends half the server's CPU
/// in zlib at level 6. Until a direction is measured, level 6 (PROTOCOL.md §1, §2.1).
public enum LinkCompression {
    /// The level while the link's speed is unknown, and on slow links.
    public static let defaultLevel: Int32 = 6
    /// The level on fast links.
    public static let fastLinkLevel: Int32 = 1
    /// Links at least this fast (bytes per second) get `fastLinkLevel`.
    public static let fastLinkBytesPerSecond = 8_000_000.0
    /// Bodies smaller than this say too little about the link to measure it.
    public static let minimumMeasuredBytes = 64 * 1024

    /// The request header in which a client asks for the gzip level of the answer (1…9).
    public static let levelHeader = "DistrictSync-Gzip-Level"
    /// The highest level the server grants: more would cost it more CPU than its default.
    public static let highestGrantedLevel: Int32 = 6

    /// The level the server gzips an answer at, given the request's `levelHeader` value: an integer 1…9
    /// asks for that level (above `highestGrantedLevel`, that level); anything else, `defaultLevel`.
    public static func grantedLevel(requested value: String?) -> Int32 {
        let words = value?.split(whereSeparator: { $0 == " " || $0 == "\t" }) ?? []
        guard words.count == 1, let level = Int32(words[0]), (1...9).contains(level) else { return defaultLevel }
        return min(level, highestGrantedLevel)
    }

    /// The level for a link measured at `bytesPerSecond` (nil: not measured yet).
    public static func level(forBytesPerSecond bytesPerSecond: Double?) -> Int32 {
        guard let bytesPerSecond, bytesPerSecond >= fastLinkBytesPerSecond else { return defaultLevel }
        return fastLinkLevel
    }

    /// The `Server-Timing` metric a push answer carries: how long the server took to receive the body.
    public static let receiveMetric = "recv"

    /// The receive time in seconds from a `Server-Timing` header value (`recv;dur=12.5`, milliseconds),
    /// nil when it has none.
    public static func receiveSeconds(fromServerTiming value: String) -> Double? {
        for metric in value.split(separator: ",") {
            // Only the name and `dur=` are read, and neither holds a space.
            let parts = metric.filter { $0 != " " }.split(separator: ";")
            guard parts.first == Substring(receiveMetric) else { continue }
            for p in parts.dropFirst() where p.hasPrefix("dur=") {
                if let ms = Double(p.dropFirst(4)), ms >= 0, ms.isFinite { return ms / 1000 }
            }
        }
        return nil
    }
}
