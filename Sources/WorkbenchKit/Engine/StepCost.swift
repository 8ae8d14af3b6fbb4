import Foundation

/// What a run costs, per unit of its size, for `figures --dry-run` and the scheduler's estimates:
///
/// - `perUnit`: seconds per Euler step of a control iteration (forward + adjoint) when the
///   experiment has a `steps` parameter, else seconds per iteration. Timed on a rollout of at most
///   `maxSteps` steps: long enough that a trajectory which streams through memory at the run's own
///   horizon does so here too (effort-allocation runs at 4.1 us/step over 200 steps against 6.75 at
///   16000), short enough to time every setting of a sweep.
/// - `sgdPerStepAndRun`: seconds per step of one SGD replay run, when the run replays (timed on a
///   short replay of one run; the runner replays `sgd_runs` runs under each of the two controls).
///
/// The clock is this thread's CPU time, as `workbench bench`'s (`time`). Not counted: MNIST
/// loading, drawing, and that a converging optimiser (L-BFGS) may stop before its budget.
public struct StepCost {
    public var perUnit: Double
    public var sgdPerStepAndRun: Double?

    /// Seconds a run should take: `units` (its steps x (iterations + 2)) of optimisation, and `sgdRuns`
    /// replays of `steps` steps (or `sgdSteps`, when shorter) under each of its two controls.
    public func seconds(units: Double, steps: Int, sgdSteps: Int? = nil, sgdRuns: Int) -> Double {
        perUnit * units + (sgdPerStepAndRun ?? 0) * Double(min(steps, sgdSteps ?? steps)) * Double(2 * sgdRuns)
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
        let prepared = try experiment.prepare(try shortened(maxSteps, 0), context: context)
        let timing = time(prepared.engine, theta: prepared.initialControl, repeats: max(1, repeats))
        let perUnit = timing.forwardAndAdjoint / Double(full.declared(.steps) != nil ? prepared.engine.steps : 1)
        guard (full.declared(.sgdRuns) ?? 0) > 0 else { return StepCost(perUnit: perUnit, sgdPerStepAndRun: nil) }
        let shortParameters = try shortened(replaySteps, 1)
        let short = try experiment.prepare(shortParameters, context: context)
        guard let replay = short.sgd else { return StepCost(perUnit: perUnit, sgdPerStepAndRun: nil) }
        let trajectory = short.engine.rollout(short.initialControl)
        let replaySeconds = seconds { _ = replay.run(trajectory, baseline: trajectory) }
        let replayed = min(trajectory.steps, shortParameters.declared(.sgdSteps) ?? trajectory.steps)
        return StepCost(perUnit: perUnit, sgdPerStepAndRun: replaySeconds / Double(max(1, replayed)))
    }

    /// Seconds per rollout of one engine, each the best of `repeats` after a warm-up evaluation.
    public struct Timing {
        /// V and its gradient (forward + adjoint).
        public var forwardAndAdjoint: Double
        /// V alone, when asked for.
        public var forward: Double?
        /// One step of the paper's clamped ascent (the update fused into the adjoint), when asked for.
        public var ascent: Double?
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
                          ascent: ascent == nil ? nil : .infinity)
        var ascending = theta
        for _ in 0..<max(1, repeats) {
            if let settings = ascent {
                let t = seconds { _ = engine.ascend(&ascending, rate: settings.rate, bounds: settings.bounds) }
                best.ascent = min(best.ascent!, t)
            }
            if forward { best.forward = min(best.forward!, seconds { _ = engine.value(theta) }) }
            best.forwardAndAdjoint = min(best.forwardAndAdjoint, seconds { _ = engine.valueAndGradient(theta, gradient: &gradient) })
        }
        return best
    }

    /// This thread's CPU seconds spent in `body`.
    static func seconds(_ body: () -> Void) -> Double {
        func now() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
            return Double(t.tv_sec) + 1e-9 * Double(t.tv_nsec)
        }
        let start = now()
        body()
        return now() - start
    }
}
