import Foundation
import WorkbenchKit

/// One line per finished run: count, bar, percentage, the run, its time, elapsed and ETA.
/// Runs differ in cost by orders of magnitude (a single-neuron sweep point vs an MNIST net),
/// so the ETA prices each run left from the measured seconds per unit of size (steps x
/// iterations) of the most similar finished runs: same run but seed, else same experiment,
/// else all; then divides by the parallel jobs.
final class RunProgress {
    private let runs: [PlannedRun]
    private let jobs: Int
    private let start = Date()
    private let log: (String) -> Void
    private var finishedKeys = Set<RunKey>()
    private var rates: [String: (seconds: Double, size: Double)] = [:]
    private let lock = NSLock()

    init(runs: [PlannedRun], jobs: Int, log: @escaping (String) -> Void) {
        self.runs = runs; self.jobs = max(1, jobs); self.log = log
    }

    func finished(_ run: PlannedRun, seconds: Double, error: Error?) {
        lock.lock(); defer { lock.unlock() }
        finishedKeys.insert(run.key)
        if error == nil {
            for group in Self.groups(run) {
                let r = rates[group] ?? (0, 0)
                rates[group] = (r.seconds + seconds, r.size + run.size)
            }
        }
        let done = finishedKeys.count, total = runs.count
        let elapsed = Date().timeIntervalSince(start)
        let left = runs.filter { !finishedKeys.contains($0.key) }
        let work = left.reduce(0.0) { $0 + estimate($1) }
        let eta = left.isEmpty ? 0 : work / Double(min(jobs, left.count))
        let width = String(total).count
        let count = String(repeating: " ", count: width - String(done).count) + "\(done)/\(total)"
        let status = error.map { "FAILED: \(describe($0))" } ?? String(format: "%.1fs", seconds)
        log("[\(count)] \(RunProgress.bar(Double(done) / Double(max(total, 1)))) \(run.request)  \(status)  | elapsed \(formatDuration(elapsed)), ETA \(formatDuration(eta))")
    }

    private func estimate(_ run: PlannedRun) -> Double {
        for group in Self.groups(run) {
            if let r = rates[group], r.size > 0 { return r.seconds / r.size * run.size }
        }
        return 0
    }

    /// From the most to the least similar: the run without its seed, its experiment, everything.
    static func groups(_ run: PlannedRun) -> [String] {
        [run.request.seed(0).description, run.request.experiment, "*"]
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
