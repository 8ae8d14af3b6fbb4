/// `.gradientFlow`: the paper's clamped ascent (eq. 3) taken with longer steps to a little past the
/// same gradient-flow time, for problems where that ascent is far from converged when its budget
/// ends and the figures show where it stopped.
///
/// The paper's ascent is the Euler scheme of the flow dtheta/ds = dV/dtheta (clamped) with step
/// `rate`, run to s = rate x iterations. Along a flat direction (a late, nearly free control) any
/// step length moves theta the same distance by that time, so those entries end where the paper's
/// do; along a stiff one a longer step gets closer to its optimum. The step doubles (up to
/// `maxStepFactor` times the rate) while V rises; a longer step that lowers V is taken back and
/// tried at half the length, which stays the longest from then on (a step at the paper's rate is
/// kept whatever it does, as the paper's is). Measured on the paper preset (Figs. 4 and 21's
/// engagement, 600-800 iterations at rate 1): V 0.7-1.25% above the paper's ascent in 86-114
/// evaluations, the figures' curves on top of the paper procedure's.
public enum GradientFlow {
    /// The flow time reached, as a multiple of the paper's (rate x iterations).
    public static let flowTimeShare = 1.1
    /// The longest step, as a multiple of the paper's rate.
    public static let maxStepFactor = 8.0
    /// `.momentumFlow`'s heavy-ball momentum (slow directions move 4 times as far per step). Measured
    /// on class proportions (paper preset): 0.75 ends 1e-3 above the paper's V in 166 of 600
    /// evaluations; 0.9 ends 6e-4 below in 67 (its start-up transient costs flow time).
    public static let momentum = 0.75
}

func ascendGradientFlow(engine: any ValueEngine, initial: [Double], settings: OptimizerSettings,
                        onIteration: (Int, Double) -> Void) -> OptimizationResult {
    var theta = initial
    settings.bounds.clamp(&theta)
    let target = GradientFlow.flowTimeShare * Double(settings.iterations) * settings.rate
    var flowTime = 0.0, factor = 1.0, ceiling = GradientFlow.maxStepFactor
    // The point before the last step, its V, that step's length and its multiple of the rate: a
    // longer step that lowered V is taken back and tried again at half the length, which is then the
    // longest. (The retry evaluates V there again, so the history holds that V twice.)
    var before = theta, valueBefore = -Double.infinity, lastStep = 0.0, lastFactor = 1.0
    var history: [Double] = [], evaluations = 0
    var final: Trajectory? = nil
    func takeBack(_ v: Double) -> Bool {
        guard lastFactor > 1 && !(v >= valueBefore) else { return false }
        theta = before; flowTime -= lastStep
        ceiling = max(1, lastFactor / 2); factor = ceiling; lastFactor = 1
        return true
    }
    while evaluations < settings.iterations {
        if target - flowTime <= target * 1e-12 {
            let end = engine.rollout(theta)
            evaluations += 1
            if takeBack(end.value) { continue }
            final = end
            break
        }
        let step = min(factor * settings.rate, target - flowTime)
        let start = theta
        let v = engine.ascend(&theta, rate: step, bounds: settings.bounds)   // V at start
        evaluations += 1
        if takeBack(v) { continue }
        history.append(v)
        if !v.isFinite { return OptimizationResult(theta: theta, valueHistory: history) }
        onIteration(history.count - 1, v)
        before = start; valueBefore = v; lastStep = step; lastFactor = step / settings.rate
        flowTime += step
        factor = min(ceiling, factor * 2)
    }
    let reason: StopReason = final == nil ? .evaluations : .flowTime
    var end = final ?? engine.rollout(theta)
    if final == nil {
        evaluations += 1
        // The budget ended before the flow time: a longer last step that lowered V is not kept either.
        if lastFactor > 1 && !(end.value >= valueBefore) {
            theta = before
            end = engine.rollout(theta)
            evaluations += 1
        }
    }
    history.append(end.value)
    return OptimizationResult(theta: theta, valueHistory: history,
                              convergence: ConvergenceReport(evaluations: evaluations, stopReason: reason, projectedGradientNorm: nil),
                              trajectory: end)
}

/// `.momentumFlow`: the paper's ascent at its own rate with heavy-ball momentum `GradientFlow.momentum`,
/// to `flowTimeShare` times its flow time. Along a slow direction a step then moves 1 / (1 - momentum)
/// times as far (so it needs that many times fewer iterations); along a stiff one, where a longer
/// plain step would overshoot, momentum stays stable (rate x curvature below 2 (1 + momentum)
/// instead of 2). For problems too stiff for `.gradientFlow`'s longer steps (class proportions: a
/// step of twice the paper's rate already lowers V).
func ascendMomentumFlow(engine: any ValueEngine, initial: [Double], settings: OptimizerSettings,
                        onIteration: (Int, Double) -> Void) -> OptimizationResult {
    var theta = initial
    settings.bounds.clamp(&theta)
    let n = theta.count, mu = GradientFlow.momentum
    var g = [Double](repeating: 0, count: n), velocity = g, previous = theta
    let iterations = min(settings.iterations,
                         Int((GradientFlow.flowTimeShare * Double(settings.iterations) * (1 - mu)).rounded(.up)))
    var history: [Double] = []
    history.reserveCapacity(iterations + 1)
    for k in 0..<iterations {
        let v = engine.valueAndGradient(theta, gradient: &g)
        history.append(v)
        if !v.isFinite { return OptimizationResult(theta: theta, valueHistory: history) }
        onIteration(k, v)
        swap(&previous, &theta)
        for j in 0..<n { theta[j] = previous[j] + mu * velocity[j] + settings.rate * g[j] }
        settings.bounds.clamp(&theta)
        // The step actually taken: momentum does not build up against a bound.
        for j in 0..<n { velocity[j] = theta[j] - previous[j] }
    }
    let end = engine.rollout(theta)
    history.append(end.value)
    return OptimizationResult(theta: theta, valueHistory: history,
                              convergence: ConvergenceReport(evaluations: iterations + 1, stopReason: .flowTime, projectedGradientNorm: nil),
                              trajectory: end)
}
