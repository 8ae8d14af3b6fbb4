import Foundation

/// What one unit of a run's size costs: seconds per Euler step of a control iteration (forward
/// + adjoint) when the experiment has a `steps` parameter, else seconds per iteration. Timed on
/// a short rollout (at most `maxSteps` steps, best of `repeats`), so it misses the memory traffic
/// of long horizons (up to ~30% at 16000 steps) and any SGD replays: an estimate, not a promise.
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
        let engine = prepared.engine, theta = prepared.initialControl
        var gradient = [Double](repeating: 0, count: engine.parameterCount)
        var best = Double.infinity
        for _ in 0...max(1, repeats) {   // the first call warms up caches
            let start = DispatchTime.now().uptimeNanoseconds
            _ = engine.valueAndGradient(theta, gradient: &gradient)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
        }
        return best / Double(full.values["steps"] != nil ? engine.steps : 1)
    }
}
