import Foundation

/// A one-line progress bar on stderr (rows, rows/s, ETA), redrawn at most 10 times a second; silent when
/// stderr is not a terminal.
final class ProgressBar {
    private let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(enabled: Bool) { self.enabled = enabled }

    func update(rows: Int, fraction: Double?) {
        guard enabled, Date().timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = Date()
        let elapsed = max(0.001, Date().timeIntervalSince(start))
        let rate = Double(rows) / elapsed
        var line = "\r已读 \(rows) 行  \(Int(rate)) 行/秒"
        if let fraction, fraction > 0 {
            let width = 30
            let filled = Int(Double(width) * min(1, fraction))
            let eta = elapsed * (1 - fraction) / fraction
            line = "\r[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
                + String(format: "%3.0f%%", fraction * 100) + "  \(rows) 行  \(Int(rate)) 行/秒  剩余约 \(Int(eta.rounded())) 秒"
        }
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
        drawn = true
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
