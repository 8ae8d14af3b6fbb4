import Foundation

/// Box constraints on the control. `lower`/`upper` repeat with period `count` over the
/// parameter vector (period 1 = one bound for every entry; period = per-step control size =
/// a bound per control component).
public struct Bounds: Equatable {
    public var lower: [Double]
    public var upper: [Double]
    public init(lower: [Double], upper: [Double]) {
        precondition(lower.count == upper.count && !lower.isEmpty)
        self.lower = lower; self.upper = upper
    }
    public init(_ lower: Double, _ upper: Double) { self.init(lower: [lower], upper: [upper]) }
    public static let none = Bounds(-.infinity, .infinity)

    /// Clamps `count` entries at `x`, which sit at `offset` in the whole parameter vector.
    @inline(__always)
    public func clamp(_ x: UnsafeMutablePointer<Double>, count: Int, offset: Int) {
        let p = lower.count
        if p == 1 {
            let lo = lower[0], hi = upper[0]
            if lo == -.infinity && hi == .infinity { return }
            for k in 0..<count { x[k] = min(max(x[k], lo), hi) }
        } else {
            for k in 0..<count { x[k] = min(max(x[k], lower[(offset + k) % p]), upper[(offset + k) % p]) }
        }
    }

    public func clamp(_ theta: inout [Double]) {
        theta.withUnsafeMutableBufferPointer { t in
            if let base = t.baseAddress { clamp(base, count: t.count, offset: 0) }
        }
    }
}

/// How the control is improved. All ASCEND V.
public enum OptimizerKind: String, CaseIterable {
    /// The paper's update (eq. 3): theta += rate * dV/dtheta, then clamp.
    case gradient
    /// Adam (amsgrad variant, as the authors used for MAML and learning rates), then clamp.
    case adam
    /// Projected L-BFGS (ProjectedQuasiNewton.swift): stops at convergence, spending at most
    /// `iterations` gradient evaluations; the first step is the paper's (rate times the gradient).
    case lbfgs
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

/// Gradient ascent on V with clamping. `onIteration(k, V)` reports progress. Stops at the first
/// V that is not finite (a diverged rollout): the engine then holds that rollout's losses and costs.
public func optimizeControl(engine: any ValueEngine, initial: [Double], settings: OptimizerSettings,
                            onIteration: (Int, Double) -> Void = { _, _ in }) -> OptimizationResult {
    switch settings.kind {
    case .lbfgs:
        var convergence = settings.convergence
        convergence.maxEvaluations = settings.iterations
        return ascendProjectedQuasiNewton(engine: engine, initial: initial, bounds: settings.bounds,
                                          firstStep: settings.rate, settings: convergence, onIteration: onIteration)
    case .gradient, .adam: break                              // the fixed-iteration loop below
    }
    var theta = initial
    settings.bounds.clamp(&theta)
    var gradient = [Double](repeating: 0, count: settings.kind == .adam ? theta.count : 0)
    var history: [Double] = []
    history.reserveCapacity(settings.iterations + 1)
    // Adam state (unused for plain gradient ascent).
    var m1 = [Double](), m2 = [Double](), m2max = [Double]()
    if settings.kind == .adam {
        m1 = [Double](repeating: 0, count: theta.count); m2 = m1; m2max = m1
    }
    let beta1 = 0.9, beta2 = 0.999, epsilon = settings.adamEpsilon
    for k in 0..<settings.iterations {
        let v: Double
        switch settings.kind {
        case .gradient:
            v = engine.ascend(&theta, rate: settings.rate, bounds: settings.bounds)
        case .lbfgs:
            preconditionFailure("handled above")
        case .adam:
            v = engine.valueAndGradient(theta, gradient: &gradient)
            let t = Double(k + 1)
            let c1 = 1 - pow(beta1, t), c2 = 1 - pow(beta2, t)
            for j in theta.indices {
                let gj = gradient[j]
                m1[j] = beta1 * m1[j] + (1 - beta1) * gj
                m2[j] = beta2 * m2[j] + (1 - beta2) * gj * gj
                m2max[j] = max(m2max[j], m2[j])
                theta[j] += settings.rate * (m1[j] / c1) / ((m2max[j] / c2).squareRoot() + epsilon)
            }
            settings.bounds.clamp(&theta)
        }
        history.append(v)
        if !v.isFinite { return OptimizationResult(theta: theta, valueHistory: history) }
        onIteration(k, v)
    }
    let final = engine.rollout(theta)
    history.append(final.value)
    return OptimizationResult(theta: theta, valueHistory: history,
                              convergence: ConvergenceReport(evaluations: settings.iterations + 1, stopReason: .iterations,
                                                             projectedGradientNorm: nil),
                              trajectory: final)
}
