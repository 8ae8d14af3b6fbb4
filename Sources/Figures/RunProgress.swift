import Foundation
import WorkbenchKit

/// One line per finished run: count, bar, percentage, the run, its time, elapsed and ETA.
/// ETA = elapsed time per finished run times the runs left (runs differ in size, so it is
/// rough early on and sharpens as runs finish).
final class RunProgress {
    let total: Int
    let start = Date()
    let log: (String) -> Void
    private var done = 0
    private let lock = NSLock()

    init(total: Int, log: @escaping (String) -> Void) { self.total = total; self.log = log }

    func finished(_ request: RunRequest, seconds: Double, error: Error?) {
        lock.lock(); defer { lock.unlock() }
        done += 1
        let elapsed = Date().timeIntervalSince(start)
        let eta = done < total ? elapsed / Double(done) * Double(total - done) : 0
        let width = String(total).count
        let count = String(repeating: " ", count: width - String(done).count) + "\(done)/\(total)"
        let status = error.map { "FAILED: \(describe($0))" } ?? String(format: "%.1fs", seconds)
        log("[\(count)] \(RunProgress.bar(Double(done) / Double(max(total, 1)))) \(request)  \(status)  | elapsed \(formatDuration(elapsed)), ETA \(formatDuration(eta))")
    }

    static func bar(_ fraction: Double, width: Int = 20) -> String {
        let filled = Int((fraction * Double(width)).rounded(.down))
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            + String(format: "%3d%%", Int((fraction * 100).rounded(.down)))
    }
}

/// A one-line message for any error: ours carry their message, others their description.
func describe(_ error: Error) -> String {
    if let e = error as? WorkbenchError { return e.message }
    return "\(error)"
}
