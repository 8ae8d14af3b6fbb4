import Foundation
import WorkbenchKit

/// A run ready to execute: the experiment, its cache key and folder.
struct PlannedRun {
    let request: RunRequest
    let experiment: any Experiment
    let key: RunKey
    /// Euler steps times (optimiser iterations + 2), when the experiment has them: the run at its whole budget.
    let size: Double
    /// The size it is expected to run (Euler steps times its `expectedEvaluations` + 2): `size` for the
    /// paper's fixed-iteration procedures, less for those that converge or take longer steps. The
    /// scheduler starts the longest expected first.
    let expectedSize: Double
    /// Euler steps and SGD replay runs per control (each 0 when the experiment has none), for the estimate.
    var steps: Int = 0
    var sgdRuns: Int = 0
    /// Steps of each SGD replay when shorter than `steps`.
    var sgdSteps: Int? = nil
}

/// Executes runs on `jobs` worker threads, largest first so the last minutes are not spent
/// waiting on one long run. Each run writes into its cache folder; failures are collected,
/// not thrown, so one bad run does not stop the others.
struct RunScheduler {
    let cache: RunCache
    let jobs: Int
    let mnistDirectory: String?

    /// Seconds between the lines listing the runs in flight (their iterations and time so far).
    let heartbeat: Double

    func execute(_ runs: [PlannedRun], progress: RunProgress) -> [RunKey: Error] {
        let queue = WorkQueue(runs.sorted { $0.expectedSize > $1.expectedSize })
        let group = DispatchGroup()
        let stop = DispatchSemaphore(value: 0)
        let beat = Thread { [heartbeat] in
            while stop.wait(timeout: .now() + heartbeat) == .timedOut { progress.heartbeat() }
        }
        if !runs.isEmpty { beat.start() }
        defer { if !runs.isEmpty { stop.signal() } }
        for _ in 0..<max(1, min(jobs, runs.count)) {
            group.enter()
            let worker = Thread {
                while let run = queue.next() {
                    let start = Date()
                    progress.started(run)
                    let error = execute(run, progress: progress)
                    if let error { queue.fail(run.key, error) }
                    progress.finished(run, seconds: Date().timeIntervalSince(start), error: error)
                }
                group.leave()
            }
            worker.stackSize = 16 << 20
            worker.start()
        }
        group.wait()
        return queue.failures
    }

    private func execute(_ run: PlannedRun, progress: RunProgress) -> Error? {
        do {
            let folder = try cache.prepare(run.key, experiment: run.request.experiment.text)
            _ = try runExperiment(run.experiment, options: RunOptions(
                preset: run.request.preset.rawValue, overrides: run.request.orderedOverrides, seed: run.request.seed,
                outDirectory: folder, quiet: true, mnistDirectory: mnistDirectory,
                onIteration: { progress.iteration(run, $0, $1) }))
            return nil
        } catch {
            return error
        }
    }
}

/// The runs left to start and the failures so far, shared by the workers under a lock.
private final class WorkQueue: @unchecked Sendable {
    private let runs: [PlannedRun]
    private var position = 0
    private(set) var failures: [RunKey: Error] = [:]
    private let lock = NSLock()

    init(_ runs: [PlannedRun]) { self.runs = runs }

    func next() -> PlannedRun? {
        lock.lock(); defer { lock.unlock() }
        guard position < runs.count else { return nil }
        position += 1
        return runs[position - 1]
    }

    func fail(_ key: RunKey, _ error: Error) {
        lock.lock(); defer { lock.unlock() }
        failures[key] = error
    }
}
