import Foundation
import WorkbenchKit

/// One line per finished run: count, bar, percentage, the run, its time, elapsed and ETA; and,
/// every few minutes, a heartbeat listing the runs in flight with their iterations so far.
/// Runs differ in cost by orders of magnitude (a single-neuron sweep point vs an MNIST net),
/// so the ETA prices each run left from the measured seconds per unit of size (steps x
/// iterations) of the most similar finished runs (same run but seed, else same experiment), else
/// from its prior (a short timed rollout, `StepCost`) scaled by how finished runs compared with
/// theirs, else from all finished runs. Pricing a long MNIST run by a few finished toy runs would
/// keep the ETA flat while the long runs crawl. Runs in flight count with the fraction of their
/// iterations left; the sum is divided by the jobs.
final class RunProgress {
    private let runs: [PlannedRun]
    private let jobs: Int
    private let start = Date()
    let log: (String) -> Void
    private let priors: [RunKey: Double]
    private var finishedKeys = Set<RunKey>()
    private var inFlight: [RunKey: (run: PlannedRun, started: Date, done: Int, total: Int)] = [:]
    /// Runs another process holds the claim on, waited for: by holder.
    private var waitingFor: [RunKey: String] = [:]
    private var rates: [String: (seconds: Double, size: Double)] = [:]
    /// Finished runs with a prior: their measured and prior seconds, summed.
    private var calibration = (measured: 0.0, prior: 0.0)
    private let lock = NSLock()

    init(runs: [PlannedRun], jobs: Int, priors: [RunKey: Double] = [:], log: @escaping (String) -> Void) {
        self.runs = runs; self.jobs = max(1, jobs); self.priors = priors; self.log = log
    }

    func started(_ run: PlannedRun) {
        lock.lock(); defer { lock.unlock() }
        inFlight[run.key] = (run, Date(), 0, 0)
    }

    func iteration(_ run: PlannedRun, _ done: Int, _ total: Int) {
        lock.lock(); defer { lock.unlock() }
        inFlight[run.key]?.done = done
        inFlight[run.key]?.total = total
    }

    /// A run another process computes (it holds the claim): this one waits for it.
    func waiting(_ run: PlannedRun, holder: ClaimHolder, age: Double) {
        lock.lock(); defer { lock.unlock() }
        waitingFor[run.key] = "\(holder)"
        log("  waiting: \(run.request) is being computed by \(holder) (claim heartbeat \(formatDuration(age)) ago); drawing waits for it")
    }

    /// `  running: <run> 412/1000 it (6m12s); ... | elapsed 20m, ETA 1h05m`, and the runs waited for.
    func heartbeat() {
        lock.lock(); defer { lock.unlock() }
        if !waitingFor.isEmpty {
            let byHolder = Dictionary(grouping: waitingFor.values, by: { $0 }).map { "\($0.key) (\($0.value.count))" }.sorted()
            log("  waiting for \(waitingFor.count) run(s) other processes compute: " + byHolder.joined(separator: ", "))
        }
        guard !inFlight.isEmpty else { return }
        let now = Date()
        let list = inFlight.values.sorted { $0.started < $1.started }.map {
            // Before its first iteration a run is still preparing (loading data, the baseline rollout).
            "\($0.run.request) " + ($0.total > 0 ? "\($0.done)/\($0.total) it" : "preparing")
                + " (\(formatDuration(now.timeIntervalSince($0.started))))"
        }
        log("  running: " + list.joined(separator: "; ")
            + " | elapsed \(formatDuration(now.timeIntervalSince(start))), ETA \(formatDuration(remaining()))")
    }

    /// Estimated wall seconds left: runs not started, plus the unfinished share of those in flight.
    private func remaining() -> Double {
        var work = 0.0, count = 0
        for run in runs where !finishedKeys.contains(run.key) {
            count += 1
            let share = inFlight[run.key].map { $0.total > 0 ? 1 - Double($0.done) / Double($0.total) : 1 } ?? 1
            work += share * estimate(run)
        }
        return count == 0 ? 0 : work / Double(min(jobs, count))
    }

    /// `elsewhere`: the status of a run another process computed or computes ("done by host:pid").
    func finished(_ run: PlannedRun, seconds: Double, error: Error?, elsewhere: String? = nil) {
        lock.lock(); defer { lock.unlock() }
        finishedKeys.insert(run.key)
        inFlight.removeValue(forKey: run.key)
        waitingFor.removeValue(forKey: run.key)
        if error == nil, elsewhere == nil {
            for group in Self.groups(run) + [Self.everything] {
                let r = rates[group] ?? (0, 0)
                rates[group] = (r.seconds + seconds, r.size + run.size)
            }
            if let prior = priors[run.key], prior > 0 {
                calibration = (calibration.measured + seconds, calibration.prior + prior)
            }
        }
        let done = finishedKeys.count, total = runs.count
        let elapsed = Date().timeIntervalSince(start)
        let eta = remaining()
        let width = String(total).count
        let count = String(repeating: " ", count: width - String(done).count) + "\(done)/\(total)"
        let status = error.map { "FAILED: \(describe($0))" } ?? elsewhere ?? String(format: "%.1fs", seconds)
        log("[\(count)] \(RunProgress.bar(Double(done) / Double(max(total, 1)))) \(run.request)  \(status)  | elapsed \(formatDuration(elapsed)), ETA \(formatDuration(eta))")
    }

    private func estimate(_ run: PlannedRun) -> Double {
        for group in Self.groups(run) {
            if let r = rates[group], r.size > 0 { return r.seconds / r.size * run.size }
        }
        if let prior = priors[run.key] {
            return calibration.prior > 0 ? prior * calibration.measured / calibration.prior : prior
        }
        if let r = rates[Self.everything], r.size > 0 { return r.seconds / r.size * run.size }
        return 0
    }

    /// From the most to the least similar: the run without its seed, its experiment.
    static func groups(_ run: PlannedRun) -> [String] {
        [run.request.seed(0).description, run.request.experiment.text]
    }
    static let everything = "*"

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
