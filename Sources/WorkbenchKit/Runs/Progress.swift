import Foundation

/// Progress of a long loop on stderr: a live line (iteration, V, rate, ETA) when stderr is a
/// terminal; nothing but the caller's final summary line otherwise; nothing at all when quiet.
final class ProgressReporter {
    enum Mode { case live, summaryOnly, silent }
    let mode: Mode
    let label: String
    let total: Int
    let start = Date()
    var lastDraw = Date.distantPast

    init(label: String, total: Int, quiet: Bool) {
        self.label = label; self.total = total
        if quiet { mode = .silent } else { mode = isatty(2) == 1 ? .live : .summaryOnly }
    }

    func update(_ done: Int, _ detail: String) {
        guard mode == .live else { return }
        let now = Date()
        guard done == total || now.timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = now
        let elapsed = now.timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let line = "\(label)  \(done)/\(total)  \(detail)  \(String(format: "%.1f", rate)) it/s  ETA \(formatDuration(eta))"
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    /// Ends the live line and prints one summary line (unless silent).
    func finish(_ summary: String) {
        switch mode {
        case .silent: return
        case .live: FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        case .summaryOnly: break
        }
        FileHandle.standardError.write(Data((summary + "\n").utf8))
    }

    /// Ends the live line without a summary: the caller reports the failure in its own line.
    func abandon() {
        if mode == .live { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    var elapsed: TimeInterval { Date().timeIntervalSince(start) }
}

public func formatDuration(_ seconds: Double) -> String {
    guard seconds.isFinite else { return "?" }
    let s = Int(seconds.rounded())
    if s >= 3600 { return "\(s / 3600)h\(String(format: "%02d", (s % 3600) / 60))m" }
    if s >= 60 { return "\(s / 60)m\(String(format: "%02d", s % 60))s" }
    return "\(s)s"
}
