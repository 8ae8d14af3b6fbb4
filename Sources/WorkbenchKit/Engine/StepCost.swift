import Foundation

/// What a run costs, per unit of its size, for `figures --dry-run` and the scheduler's estimates:
///
/// - `perUnit`: seconds per Euler step of a control iteration (forward + adjoint) when the
///   experiment has a `steps` parameter, else seconds per iteration. Timed on a rollout of at most
///   `maxSteps` steps: long enough that a trajectory which streams through memory at the run's own
///   horizon does so here too (effort-allocation runs at 4.1 us/step over 200 steps against 6.75 at
///   16000), short enough to time every setting of a sweep. With L-BFGS, its own work per
///   evaluation too (timed over a few of its evaluations).
/// - `sgdPerStepAndRun`: seconds per step of one SGD replay run, when the run replays (timed on a
///   short replay of one run; the runner replays `sgd_runs` runs under each of the two controls).
/// - `perRun`: seconds of the experiment's preparation (its data: MNIST loading and statistics,
///   the network, the engine), which every run pays once whatever its size; timed on the short
///   preparation above.
/// - `describedPerStep`: seconds per step of rolling out one control and describing it (the
///   experiment's columns and results), which a run does for its baseline and its optimized control.
///   On the quick preset these two are most of a run.
///
/// The clock is this thread's CPU time, as `workbench bench`'s (`time`). Not counted: drawing, and
/// that a converging optimizer (L-BFGS) may stop before its budget (the caller scales `units`).
public struct StepCost {
    public var perUnit: Double
    public var sgdPerStepAndRun: Double?
    public var perRun: Double = 0
    public var describedPerStep: Double = 0

    /// Seconds a run should take: `units` (its steps x (iterations + 2)) of optimization, and `sgdRuns`
    /// replays of `steps` steps (or `sgdSteps`, when shorter) under each of its two controls.
    public func seconds(units: Double, steps: Int, sgdSteps: Int? = nil, sgdRuns: Int) -> Double {
        perRun + 2 * describedPerStep * Double(steps) + perUnit * units
            + (sgdPerStepAndRun ?? 0) * Double(min(steps, sgdSteps ?? steps)) * Double(2 * sgdRuns)
    }

    public static func measure(_ experiment: any Experiment, preset: String, overrides: [(String, String)],
                               context: RunContext, maxSteps: Int = 4000, replaySteps: Int = 100, repeats: Int = 2) throws -> StepCost {
        let full = try experiment.resolve(preset: preset, overrides: overrides)
        let shortened = { (steps: Int, sgdRuns: Int?) throws -> ParameterValues in
            var changes: [(String, String)] = []
            if full.declared(.iterations) != nil { changes.append((Parameter<Int>.iterations.name, "0")) }
            if let n = full.declared(.steps) { changes.append((Parameter<Int>.steps.name, String(min(n, steps)))) }
            if let runs = sgdRuns, full.declared(.sgdRuns) != nil { changes.append((Parameter<Int>.sgdRuns.name, String(runs))) }
            let kept = overrides.filter { o in !changes.contains { $0.0 == o.0 } }
            return try experiment.resolve(preset: preset, overrides: kept + changes)
        }
        let parameters = try shortened(maxSteps, 0)
        var preparation: PreparedRun?
        let perRun = try seconds { preparation = try experiment.prepare(parameters, context: context) }
        let prepared = preparation!
        let timing = time(prepared.engine, theta: prepared.initialControl, repeats: max(1, repeats))
        var perUnit = timing.forwardAndAdjoint / Double(full.declared(.steps) != nil ? prepared.engine.steps : 1)
        if full.declared(.optimizer) == .lbfgs, full.declared(.steps) != nil {
            // L-BFGS's own work per evaluation (its recursion and line search pass over the whole
            // control a few dozen times) costs as much as the rollout when the control is as large as
            // the trajectory (effort allocation's gains): time a few of its evaluations.
            var settings = prepared.optimizer
            settings.iterations = 8
            var result: OptimizationResult?
            let t = seconds { result = optimizeControl(engine: prepared.engine, initial: prepared.initialControl, settings: settings) }
            if let used = result?.convergence?.evaluations, used > 0 {
                perUnit = max(perUnit, t / (Double(used) * Double(prepared.engine.steps)))
            }
        }
        let described = seconds {
            let trajectory = prepared.engine.rollout(prepared.initialControl)
            _ = prepared.describe(trajectory, trajectory)
            _ = prepared.extraResults(trajectory, trajectory)
        } / Double(max(1, prepared.engine.steps))
        var cost = StepCost(perUnit: perUnit, sgdPerStepAndRun: nil, perRun: perRun, describedPerStep: described)
        guard (full.declared(.sgdRuns) ?? 0) > 0 else { return cost }
        let shortParameters = try shortened(replaySteps, 1)
        let short = try experiment.prepare(shortParameters, context: context)
        guard let replay = short.sgd else { return cost }
        let trajectory = short.engine.rollout(short.initialControl)
        let replaySeconds = seconds { _ = replay.run(trajectory, baseline: trajectory) }
        let replayed = min(trajectory.steps, shortParameters.declared(.sgdSteps) ?? trajectory.steps)
        cost.sgdPerStepAndRun = replaySeconds / Double(max(1, replayed))
        return cost
    }

    /// Seconds per rollout of one engine, each the best of `repeats` after a warm-up evaluation.
    public struct Timing {
        /// V and its gradient (forward + adjoint).
        public var forwardAndAdjoint: Double
        /// V alone, when asked for.
        public var forward: Double?
        /// One step of the paper's clamped ascent (the update fused into the adjoint), when asked for.
        public var ascent: Double?
        /// The same step as the gradient, then the update (`Objective.ascendInTwoPasses`), with `ascent`.
        public var twoPassAscent: Double?
    }

    /// Times `engine` at `theta`: forward + adjoint always, the forward alone with `forward`, and
    /// an ascent step at `ascent`'s rate and bounds (from a copy of theta). The clock is this
    /// thread's CPU time: on a shared machine the wall clock also counts the time the scheduler
    /// gives other processes, which no best-of-N removes once they outnumber the cores.
    public static func time(_ engine: any ValueEngine, theta: [Double], repeats: Int, forward: Bool = false,
                            ascent: OptimizerSettings? = nil) -> Timing {
        var gradient = [Double](repeating: 0, count: engine.parameterCount)
        _ = engine.valueAndGradient(theta, gradient: &gradient)   // warm-up: caches, page faults
        var best = Timing(forwardAndAdjoint: .infinity, forward: forward ? .infinity : nil,
                          ascent: ascent == nil ? nil : .infinity, twoPassAscent: ascent == nil ? nil : .infinity)
        var ascending = theta, twoPass = theta
        for _ in 0..<max(1, repeats) {
            if let settings = ascent {
                let t = seconds { _ = engine.ascend(&ascending, rate: settings.rate, bounds: settings.bounds) }
                best.ascent = min(best.ascent!, t)
                let u = seconds { _ = engine.ascendInTwoPasses(&twoPass, rate: settings.rate, bounds: settings.bounds) }
                best.twoPassAscent = min(best.twoPassAscent!, u)
            }
            if forward { best.forward = min(best.forward!, seconds { _ = engine.value(theta) }) }
            best.forwardAndAdjoint = min(best.forwardAndAdjoint, seconds { _ = engine.valueAndGradient(theta, gradient: &gradient) })
        }
        return best
    }

    /// This thread's CPU seconds spent in `body`.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        func now() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
            return Double(t.tv_sec) + 1e-9 * Double(t.tv_nsec)
        }
        let start = now()
        try body()
        return now() - start
    }
}
