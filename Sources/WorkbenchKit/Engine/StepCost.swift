import Foundation

/// What one unit of a run's size costs: seconds per Euler step of a control iteration (forward
/// + adjoint) when the experiment has a `steps` parameter, else seconds per iteration. Timed on
/// a short rollout (at most `maxSteps` steps, best of `repeats`), so it misses the memory traffic
/// of long horizons (up to ~30% at 16000 steps) and any SGD replays: an estimate, not a promise.
/// `workbench bench` times with the same clock (`time`), at full size.
public enum StepCost {
    public static func seconds(_ experiment: any Experiment, preset: String, overrides: [(String, String)],
                               context: RunContext, maxSteps: Int = 400, repeats: Int = 3) throws -> Double {
        let full = try experiment.resolve(preset: preset, overrides: overrides)
        var changes: [(String, String)] = []
        if full.values["iterations"] != nil { changes.append(("iterations", "0")) }
        if case .integer(let n)? = full.values["steps"] { changes.append(("steps", String(min(n, maxSteps)))) }
        let kept = overrides.filter { o in !changes.contains { $0.0 == o.0 } }
        let params = try experiment.resolve(preset: preset, overrides: kept + changes)
        let prepared = try experiment.prepare(params, context: context)
        let timing = time(prepared.engine, theta: prepared.initialControl, repeats: max(1, repeats))
        return timing.forwardAndAdjoint / Double(full.values["steps"] != nil ? prepared.engine.steps : 1)
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
