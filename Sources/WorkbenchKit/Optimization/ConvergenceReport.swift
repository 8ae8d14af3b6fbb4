import Foundation

/// Settings of the projected quasi-Newton ascent: when to stop, and its memory.
public struct ConvergenceSettings: Equatable {
    /// Largest entry of the projected gradient, relative to its size at the start.
    public var projectedGradientTolerance: Double
    /// (V_new - V_old) / max(|V_old|, |V_new|, 1) below which the ascent stops, once the projected
    /// gradient is at most `certified` of its start.
    public var valueTolerance: Double
    /// The projected gradient, relative to its start, at which a run counts as converged (what
    /// `workbench figures` certifies an optimum by); V's change stops the ascent only below it.
    public static let certified = 1e-4
    /// Gradient evaluations at most (line-search trials count).
    public var maxEvaluations: Int
    /// (s, y) pairs kept (each two copies of the control: `Recipe.controlCopies` counts 5).
    public var memory: Int
    public init(projectedGradientTolerance: Double = 1e-6, valueTolerance: Double = 1e-10,
                maxEvaluations: Int = 300, memory: Int = 5) {
        self.projectedGradientTolerance = projectedGradientTolerance; self.valueTolerance = valueTolerance
        self.maxEvaluations = maxEvaluations; self.memory = memory
    }
}

/// What a run's optimization cost and why it ended (written to result.json).
public struct ConvergenceReport: Equatable {
    public var evaluations: Int
    public var stopReason: StopReason
    /// Largest |P(theta + M dV/dtheta) - theta| at the end, M the L-BFGS metric (the identity for
    /// `.lbfgs`); nil where the optimizer never computes the final gradient (the fixed-iteration
    /// methods end on a value).
    public var projectedGradientNorm: Double?
    /// The same at the start, what the stopping test and a convergence verdict measure against
    /// (nil with `projectedGradientNorm`).
    public var startProjectedGradientNorm: Double?
    public init(evaluations: Int, stopReason: StopReason, projectedGradientNorm: Double?, startProjectedGradientNorm: Double? = nil) {
        self.evaluations = evaluations; self.stopReason = stopReason
        self.projectedGradientNorm = projectedGradientNorm; self.startProjectedGradientNorm = startProjectedGradientNorm
    }
}

