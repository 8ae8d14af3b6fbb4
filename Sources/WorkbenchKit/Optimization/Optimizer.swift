import Foundation

/// How the control is improved (all ascend V); `OptimizerSettings.recipe` builds each.
public enum OptimizerKind: String, CaseIterable {
    /// The paper's update (eq. 3): theta += rate * dV/dtheta, then clamp.
    case gradient
    /// Adam (amsgrad variant, as the authors used for MAML and learning rates), then clamp.
    case adam
    /// Projected L-BFGS (`Recipe.projectedQuasiNewton`): stops at convergence, spending at most
    /// `iterations` gradient evaluations; the first step is the paper's (rate times the gradient).
    case lbfgs
}

public extension OptimizerKind {
    /// Raised when what the kind computes changes, so that cached runs made with it are redone
    /// (0 adds nothing to a run's cache key). L-BFGS 1: V's change stops it only once certified.
    var revision: Int { self == .lbfgs ? 1 : 0 }
}

public struct OptimizerSettings {
    public var kind: OptimizerKind
    public var rate: Double
    public var iterations: Int
    public var bounds: Bounds
    /// Stopping rules of `.lbfgs` (its evaluation budget is `iterations`).
    public var convergence: ConvergenceSettings
    /// Adam's epsilon (torch's 1e-8). Gradients far below it leave the control where it started:
    /// late steps of a strongly discounted V (gamma^t dt < 1e-8) never move.
    public var adamEpsilon: Double
    public init(kind: OptimizerKind, rate: Double, iterations: Int, bounds: Bounds, adamEpsilon: Double = 1e-8,
                convergence: ConvergenceSettings = ConvergenceSettings()) {
        self.kind = kind; self.rate = rate; self.iterations = iterations; self.bounds = bounds
        self.adamEpsilon = adamEpsilon
        self.convergence = convergence
    }
}

public struct OptimizationResult {
    public var theta: [Double]
    /// V before each iteration's update, then the final V: iterations + 1 values. When V stops
    /// being finite the ascent stops there, and the history ends with that value.
    public var valueHistory: [Double]
    /// Evaluations, stop reason and final projected gradient (nil only when the ascent stopped at a
    /// V that is not finite: `divergedAt` says where).
    public var convergence: ConvergenceReport? = nil
    /// The rollout at `theta` (its value is the history's last), which the optimizer had to make
    /// anyway: nil only when the ascent stopped at a V that is not finite before reaching it.
    public var trajectory: Trajectory? = nil
    /// The iteration whose V was not finite (`iterations` = the final evaluation), if any.
    public var divergedAt: Int? {
        valueHistory.last!.isFinite ? nil : valueHistory.count - 1
    }
}

/// How an optimizer kind is built and what it costs: the one table over `OptimizerKind`.
public struct Recipe {
    /// Copies of the control a run with it holds at most (`MemoryPlan`): start, baseline and
    /// iterate, plus the gradient check's or bench's gradient and trial points (5 for the paper's
    /// fused ascent); Adam adds its gradient and three moments (7); L-BFGS its iterate, gradient,
    /// direction, trial points and their gradients, and 5 (s, y) pairs (`MemoryPlan.controlCopies`).
    public var controlCopies: Int
    /// Gradient evaluations it is expected to spend of its budget. L-BFGS needs about as many
    /// whatever its budget: counted as 6% of it but at least 25 (measured: the L-BFGS runs'
    /// evaluations, weighted by their cost, came to 1.1 times this on the paper preset and 1.07 on
    /// the quick one). The paper's procedures: all of it.
    public var expectedEvaluations: Double
    /// Runs the ascent from a start.
    public var run: (_ objective: any Objective, _ initial: [Double], _ onIteration: (Int, Double) -> Void) -> AscentOutcome

    /// This recipe, then `next` from where it ended: one history (the value at the handover
    /// once), the evaluations of both, `next`'s stop reason.
    public func then(_ next: Recipe) -> Recipe {
        let first = self
        return Recipe(controlCopies: max(first.controlCopies, next.controlCopies),
                      expectedEvaluations: first.expectedEvaluations + next.expectedEvaluations) { objective, initial, onIteration in
            let a = first.run(objective, initial, onIteration)
            if a.diverged { return a }
            let offset = a.valueHistory.count - (a.endsAtTheta ? 1 : 0)
            var b = next.run(objective, a.theta) { k, v in onIteration(offset + k, v) }
            b.valueHistory = Array(a.valueHistory.prefix(offset)) + b.valueHistory
            b.evaluations += a.evaluations
            return b
        }
    }
}

/// L-BFGS's expected evaluations: this share of its budget, but at least `minimum`.
public enum LBFGSExpectation {
    public static let share = 0.06
    public static let minimum = 25.0
}

public extension OptimizerSettings {
    var recipe: Recipe {
        let settings = self
        switch kind {
        case .gradient:
            return Recipe(controlCopies: 5, expectedEvaluations: Double(iterations)) { objective, initial, onIteration in
                var controller = ClampedStep(Scale(settings.rate), bounds: settings.bounds)
                return ascend(&controller, objective: objective, from: initial, bounds: settings.bounds,
                              stop: StopRules(maxIterations: settings.iterations), onIteration: onIteration)
            }
        case .adam:
            return Recipe(controlCopies: 7, expectedEvaluations: Double(iterations)) { objective, initial, onIteration in
                var controller = ClampedStep(Adam(rate: settings.rate, epsilon: settings.adamEpsilon), bounds: settings.bounds)
                return ascend(&controller, objective: objective, from: initial, bounds: settings.bounds,
                              stop: StopRules(maxIterations: settings.iterations), onIteration: onIteration)
            }
        case .lbfgs:
            let budget = Double(iterations)
            var convergence = convergence
            convergence.maxEvaluations = iterations
            return Recipe.projectedQuasiNewton(firstStep: rate, bounds: bounds, settings: convergence,
                                               expectedEvaluations: min(budget, max(LBFGSExpectation.minimum, LBFGSExpectation.share * budget)))
        }
    }
}

public extension OptimizerKind {
    /// The kind's recipe for a budget of `iterations` (what it holds and is expected to spend).
    func recipe(iterations: Int) -> Recipe {
        OptimizerSettings(kind: self, rate: 1, iterations: iterations, bounds: .none).recipe
    }
}

public extension Recipe {
    /// Projected L-BFGS (`QuasiNewton` steps, `ProjectedLineSearch`): stops at convergence
    /// (`settings`' tolerances) or its budget of evaluations; the first step is `firstStep` times
    /// the gradient (the paper's rate is a safe choice), in `metric` when one is given.
    static func projectedQuasiNewton(firstStep: Double, bounds: Bounds, settings: ConvergenceSettings, metric: [Double]? = nil,
                                     expectedEvaluations: Double? = nil) -> Recipe {
        Recipe(controlCopies: MemoryPlan.controlCopies, expectedEvaluations: expectedEvaluations ?? Double(settings.maxEvaluations)) {
            objective, initial, onIteration in
            var controller = ProjectedLineSearch(QuasiNewton(memory: settings.memory, firstStep: firstStep, metric: metric),
                                                 bounds: bounds, count: initial.count, metric: metric)
            return ascend(&controller, objective: objective, from: initial, bounds: bounds,
                          stop: StopRules(maxEvaluations: settings.maxEvaluations,
                                          projectedGradientTolerance: settings.projectedGradientTolerance,
                                          valueTolerance: metric == nil ? settings.valueTolerance : nil,
                                          valueStopGradientCeiling: ConvergenceSettings.certified),
                          onIteration: onIteration)
        }
    }

    /// Runs on an engine and ends with the rollout at the control it returns (the optimizer's
    /// own last one when it evaluated that control last). Stops at the first V that is not finite
    /// (a diverged rollout): the engine then holds that rollout's losses and costs.
    func optimize(_ engine: any ValueEngine, from initial: [Double],
                  onIteration: (Int, Double) -> Void = { _, _ in }) -> OptimizationResult {
        var outcome = run(engine, initial, onIteration)
        if outcome.diverged { return OptimizationResult(theta: outcome.theta, valueHistory: outcome.valueHistory) }
        let final = outcome.lastEvaluatedIsTheta ? engine.lastRollout(of: outcome.theta) : engine.rollout(outcome.theta)
        if !outcome.endsAtTheta {                             // a fixed step's last iterate: its V is the rollout's
            outcome.valueHistory.append(final.value)
            outcome.evaluations += 1
        }
        return OptimizationResult(theta: outcome.theta, valueHistory: outcome.valueHistory,
                                  convergence: ConvergenceReport(evaluations: outcome.evaluations, stopReason: outcome.stopReason,
                                                                 projectedGradientNorm: outcome.projectedGradientNorm,
                                                                 startProjectedGradientNorm: outcome.startProjectedGradientNorm),
                                  trajectory: final)
    }
}

/// Runs `settings`' recipe on the engine (`Recipe.optimize`).
public func optimizeControl(engine: any ValueEngine, initial: [Double], settings: OptimizerSettings,
                            onIteration: (Int, Double) -> Void = { _, _ in }) -> OptimizationResult {
    settings.recipe.optimize(engine, from: initial, onIteration: onIteration)
}
