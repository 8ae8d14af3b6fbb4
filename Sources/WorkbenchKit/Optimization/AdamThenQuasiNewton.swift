/// `.adamLBFGS`: the paper's Adam for the first quarter of the budget, then projected L-BFGS in the
/// discount metric from where Adam stopped.
///
/// Why both (measured on Fig. 8's offset -1 sweep, paper preset): V there has two basins, learn or
/// not, and which one the paper's procedure ends in is settled in Adam's first 50-100 iterations;
/// L-BFGS from the start may take the other (up to 2.8% lower V). After Adam's first 200 of 800
/// iterations, L-BFGS ends in Adam's basin at its V (within 2e-6 relative, or above) in 5-366 more
/// evaluations (all 20 runs: 4674 evaluations against Adam's 16020). The discount metric lets L-BFGS move the late, heavily discounted steps to their
/// own optimum, as scale-free Adam does; in the Euclidean metric their gradients (down to 1e-22)
/// leave them wherever the curvature pairs push them.
public enum AdamThenQuasiNewton {
    /// The share of the iterations Adam spends before L-BFGS takes over.
    public static let adamShare = 0.25

    public static func adamIterations(_ budget: Int) -> Int { Int((Double(budget) * adamShare).rounded()) }
}

func adamThenQuasiNewton(engine: any ValueEngine, initial: [Double], settings: OptimizerSettings,
                         onIteration: (Int, Double) -> Void) -> OptimizationResult {
    var adam = settings
    adam.kind = .adam
    adam.iterations = AdamThenQuasiNewton.adamIterations(settings.iterations)
    let first = optimizeControl(engine: engine, initial: initial, settings: adam, onIteration: onIteration)
    // Adam's final V is its history's last entry, the rollout L-BFGS starts from (evaluated again there).
    guard first.divergedAt == nil, settings.iterations - adam.iterations > 1 else { return first }
    var convergence = settings.convergence
    convergence.maxEvaluations = settings.iterations - adam.iterations
    var second = ascendProjectedQuasiNewton(engine: engine, initial: first.theta, bounds: settings.bounds,
                                            firstStep: settings.rate, settings: convergence,
                                            metric: engine.discountMetric,
                                            onIteration: { onIteration(adam.iterations + $0, $1) })
    second.valueHistory = first.valueHistory.dropLast() + second.valueHistory
    // Adam's evaluations include its final rollout, which L-BFGS's first evaluation repeats.
    second.convergence?.evaluations += first.convergence?.evaluations ?? adam.iterations + 1
    return second
}
