import Foundation
import WorkbenchKit

/// A run ready to execute: the experiment, its cache key and folder.
struct PlannedRun {
    let request: RunRequest
    let experiment: any Experiment
    let key: RunKey
    /// Euler steps times (optimizer iterations + 2), when the experiment has them: the run at its whole budget.
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
/// waiting on one long run. A run is computed only under its claim (`RunClaims`), so processes
/// sharing one output folder (array tasks, a resubmitted task, a merge started early) never
/// compute it twice; a run another live process holds is left to it in shard mode
/// (`leaveClaimedRuns`) and otherwise waited for, with progress, once nothing else is left to do.
/// Failures are collected, not thrown, so one bad run does not stop the others.
struct RunScheduler {
    let cache: RunCache
    let jobs: Int
    let mnistDirectory: String?

    /// Seconds between the lines listing the runs in flight (their iterations and time so far).
    let heartbeat: Double
    let claims: RunClaims
    let leaveClaimedRuns: Bool
    /// Seconds between looks at runs other processes compute, and between refreshes of this
    /// process's own claims; `sleep` is injected by tests.
    var pollEvery = 5.0
    var refreshEvery = RunClaims.defaultRefreshEvery
    var sleep: (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }

    /// What became of the runs not computed here.
    struct Outcome {
        var failures: [RunKey: Error] = [:]
        /// Found complete once claimed or waited for: another process computed them.
        var doneElsewhere: [RunKey: ClaimHolder?] = [:]
        /// Shard mode: claimed by a live process, left to it.
        var leftToOthers: [RunKey: ClaimHolder] = [:]
    }

    func execute(_ runs: [PlannedRun], progress: RunProgress) -> Outcome {
        let queue = WorkQueue(runs.sorted { $0.expectedSize > $1.expectedSize })
        let held = HeldClaims()
        let group = DispatchGroup()
        let stop = DispatchSemaphore(value: 0)
        let beat = Thread { [heartbeat] in
            while stop.wait(timeout: .now() + heartbeat) == .timedOut { progress.heartbeat() }
        }
        let keeper = Thread { [refreshEvery, claims] in
            while stop.wait(timeout: .now() + refreshEvery) == .timedOut {
                for (folder, run) in held.all() where !claims.refresh(folder) {
                    progress.log("warning: the claim on \(run.request) (\(folder)) was taken over by \(claims.holder(folder).map { "\($0)" } ?? "another process") "
                        + "(this process missed its heartbeats for \(formatDuration(claims.staleAfter))); its result is kept only if that one has not finished first")
                }
            }
        }
        if !runs.isEmpty { beat.start(); keeper.start() }
        defer { if !runs.isEmpty { stop.signal(); stop.signal() } }
        for _ in 0..<max(1, min(jobs, runs.count)) {
            group.enter()
            let worker = Thread {
                while true {
                    switch queue.next() {
                    case .run(let run): attempt(run, queue: queue, held: held, progress: progress)
                    case .idle:
                        sleep(pollEvery)
                        for done in queue.poll({ look(at: $0) }) {
                            progress.finished(done.run, seconds: 0, error: nil, elsewhere: "done by \(done.holder.map { "\($0)" } ?? "another process")")
                        }
                    case .finished: group.leave(); return
                    }
                }
            }
            worker.stackSize = 16 << 20
            worker.start()
        }
        group.wait()
        return queue.outcome
    }

    /// Claims `run` and computes it, or records who holds it.
    private func attempt(_ run: PlannedRun, queue: WorkQueue, held: HeldClaims, progress: RunProgress) {
        let experiment = run.request.experiment.text
        let start = Date()
        do {
            let folder = try cache.makeFolder(run.key, experiment: experiment)
            switch try claims.acquire(folder) {
            case .heldBy(let holder):
                if leaveClaimedRuns {
                    queue.leave(run, to: holder)
                    progress.finished(run, seconds: 0, error: nil, elsewhere: "left to \(holder), which holds its claim")
                } else {
                    queue.wait(for: run, holder: holder)
                    progress.waiting(run, holder: holder, age: claims.age(holder))
                }
                return
            case .acquired:
                held.add(folder, run)
                defer { held.remove(folder); claims.release(folder) }
                // Completed between the look that planned it and the claim: nothing to do.
                if cache.state(run.key, experiment: experiment) == .complete {
                    queue.doneElsewhere(run, holder: nil)
                    progress.finished(run, seconds: 0, error: nil, elsewhere: "done by another process")
                    return
                }
                progress.started(run)
                try cache.recordKey(run.key, in: folder)
                let staging = RunCache.stagingFolder(in: folder, token: claims.token)
                try? FileManager.default.removeItem(atPath: staging)
                do {
                    _ = try runExperiment(run.experiment, options: RunOptions(
                        preset: run.request.preset.rawValue, overrides: run.request.orderedOverrides, seed: run.request.seed,
                        outDirectory: staging, quiet: true, mnistDirectory: mnistDirectory,
                        onIteration: { progress.iteration(run, $0, $1) }))
                    try cache.publish(run.key, experiment: experiment, from: staging)
                } catch {
                    try? FileManager.default.removeItem(atPath: staging)
                    throw error
                }
                progress.finished(run, seconds: Date().timeIntervalSince(start), error: nil)
            }
        } catch {
            queue.fail(run.key, error)
            progress.finished(run, seconds: Date().timeIntervalSince(start), error: error)
        }
    }

    /// A run waited for: done (complete), still held by a live process, or free to claim again
    /// (its holder let it go without a result, or stopped heartbeating).
    private func look(at run: PlannedRun) -> WorkQueue.Look {
        if cache.state(run.key, experiment: run.request.experiment.text) == .complete { return .done }
        let folder = cache.folder(run.key, experiment: run.request.experiment.text)
        if let holder = claims.holder(folder), claims.isLive(holder), !claims.mine(holder) { return .held(holder) }
        return .free
    }
}

/// The claims this process holds, by run folder, for the thread that refreshes them.
private final class HeldClaims: @unchecked Sendable {
    private var folders: [String: PlannedRun] = [:]
    private let lock = NSLock()

    func add(_ folder: String, _ run: PlannedRun) { lock.lock(); folders[folder] = run; lock.unlock() }
    func remove(_ folder: String) { lock.lock(); folders[folder] = nil; lock.unlock() }
    func all() -> [(String, PlannedRun)] { lock.lock(); defer { lock.unlock() }; return folders.map { ($0.key, $0.value) } }
}

/// The runs left to start, those waited for and the outcome so far, shared by the workers under a lock.
private final class WorkQueue: @unchecked Sendable {
    enum Next { case run(PlannedRun), idle, finished }
    enum Look { case done, held(ClaimHolder), free }

    private var fresh: [PlannedRun]
    private var position = 0
    /// Runs another live process holds, with their last known holder.
    private var waiting: [(run: PlannedRun, holder: ClaimHolder)] = []
    private(set) var outcome = RunScheduler.Outcome()
    private let lock = NSLock()

    init(_ runs: [PlannedRun]) { fresh = runs }

    /// The next run to attempt; `idle` while only runs held elsewhere are left (the worker then
    /// sleeps and `poll`s), `finished` when nothing is left.
    func next() -> Next {
        lock.lock(); defer { lock.unlock() }
        if position < fresh.count {
            position += 1
            return .run(fresh[position - 1])
        }
        return waiting.isEmpty ? .finished : .idle
    }

    func wait(for run: PlannedRun, holder: ClaimHolder) {
        lock.lock(); defer { lock.unlock() }
        waiting.append((run, holder))
    }

    /// Looks at every run waited for: done ones are recorded (and returned, for progress), free
    /// ones go back to be attempted, the rest keep waiting.
    func poll(_ look: (PlannedRun) -> Look) -> [(run: PlannedRun, holder: ClaimHolder?)] {
        lock.lock(); defer { lock.unlock() }
        var still: [(run: PlannedRun, holder: ClaimHolder)] = []
        var done: [(run: PlannedRun, holder: ClaimHolder?)] = []
        for entry in waiting {
            switch look(entry.run) {
            case .done:
                outcome.doneElsewhere[entry.run.key] = entry.holder
                done.append((entry.run, entry.holder))
            case .held(let holder): still.append((entry.run, holder))
            case .free: fresh.append(entry.run)
            }
        }
        waiting = still
        return done
    }

    func leave(_ run: PlannedRun, to holder: ClaimHolder) {
        lock.lock(); defer { lock.unlock() }
        outcome.leftToOthers[run.key] = holder
    }

    func doneElsewhere(_ run: PlannedRun, holder: ClaimHolder?) {
        lock.lock(); defer { lock.unlock() }
        outcome.doneElsewhere[run.key] = holder
    }

    func fail(_ key: RunKey, _ error: Error) {
        lock.lock(); defer { lock.unlock() }
        outcome.failures[key] = error
    }
}
