/// When an ascent stops (diffrax's stopping conditions, as a value). Unset rules never stop it.
public struct StopRules: Equatable {
    public var maxIterations: Int?
    public var maxEvaluations: Int?
    /// Largest projected gradient entry, relative to its size at the start (controllers that hold
    /// the gradient only).
    public var projectedGradientTolerance: Double?
    /// Relative change of V in one iteration (controllers that report it only).
    public var valueTolerance: Double?
    /// V's change stops the ascent only where the projected gradient is at most this, relative to
    /// its start (nil: anywhere). A V that barely moves while the gradient is still large is an
    /// ill-conditioned stretch, not an optimum.
    public var valueStopGradientCeiling: Double?
    public init(maxIterations: Int? = nil, maxEvaluations: Int? = nil, projectedGradientTolerance: Double? = nil,
                valueTolerance: Double? = nil, valueStopGradientCeiling: Double? = nil) {
        self.maxIterations = maxIterations; self.maxEvaluations = maxEvaluations
        self.projectedGradientTolerance = projectedGradientTolerance; self.valueTolerance = valueTolerance
        self.valueStopGradientCeiling = valueStopGradientCeiling
    }

    /// Whether V's change may stop the ascent where the projected gradient is `norm` (`start` at
    /// the start; either nil when the controller does not hold the gradient).
    func allowsValueStop(norm: Double?, start: Double?) -> Bool {
        guard let ceiling = valueStopGradientCeiling, let norm, let start else { return true }
        return norm <= ceiling * start
    }
}

/// What one iteration of a step-size controller did.
public enum Advance {
    /// Moved x. `value` is the V it learned: of the point it reached (`reached`, a line search) or
    /// of the one it left (a fixed step evaluates, then steps). `change` is V's relative change,
    /// where the controller measures it.
    case moved(value: Double, reached: Bool, change: Double?, evaluations: Int, lastEvaluatedIsX: Bool)
    /// Did not move, but may try again (it forgot a stale model).
    case retry(evaluations: Int)
    /// Cannot go on.
    case stopped(StopReason, evaluations: Int)
}

/// Chooses where an update step's step takes the iterate: its size and the projection onto the box.
public protocol StepController {
    /// Prepares at x (inside the box). Returns V at x when it evaluates there first.
    mutating func start(_ x: [Double], objective: any Objective) -> Double?
    mutating func advance(_ x: inout [Double], objective: any Objective, evaluationsLeft: Int) -> Advance
    /// Largest entry of the projected gradient at x, the iterate it last moved to (nil when it
    /// does not hold the gradient there).
    func projectedGradientNorm(at x: [Double]) -> Double?
}

/// Why a converging optimizer stopped.
public enum StopReason: String {
    /// The projected gradient's largest entry fell below the tolerance (a KKT point of the box).
    case projectedGradient = "projected-gradient"
    /// An iteration improved V by less than the relative tolerance.
    case valueChange = "value-change"
    /// The budget of gradient evaluations was spent.
    case evaluations
    /// The line search found no increase along the search direction or the steepest one.
    case lineSearch = "line-search"
    /// A fixed-iteration method ran its iterations.
    case iterations
}

/// What an ascent did.
public struct AscentOutcome {
    public var theta: [Double]
    /// V at the iterates, in order, as far as the controller evaluated them: a fixed step learns
    /// V at an iterate only when it leaves it, so the last one's is left to the final rollout.
    public var valueHistory: [Double]
    public var evaluations: Int
    public var stopReason: StopReason
    /// Stopped at a V that is not finite (the history's last): theta is where that step left it.
    public var diverged = false
    /// Whether the history ends with V at theta.
    public var endsAtTheta: Bool
    /// Whether the objective's last evaluation was of theta (its rollout need not be redone).
    public var lastEvaluatedIsTheta: Bool
    public var projectedGradientNorm: Double?
    public var startProjectedGradientNorm: Double?
}

/// The one loop every optimizer runs: asks the controller for iterations until a stop rule, the
/// controller or a V that is not finite ends it, reporting `onIteration(k, V)` after each move.
public func ascend<C: StepController>(_ controller: inout C, objective: any Objective, from initial: [Double], bounds: Bounds,
                                      stop: StopRules, onIteration: (Int, Double) -> Void = { _, _ in }) -> AscentOutcome {
    var x = initial
    bounds.clamp(&x)
    var history: [Double] = []
    history.reserveCapacity((stop.maxIterations ?? 0) + 1)
    var evaluations = 0, iteration = 0
    var lastEvaluatedIsX = false, endsAtX = false
    if let v = controller.start(x, objective: objective) {
        history.append(v); evaluations = 1; lastEvaluatedIsX = true; endsAtX = true
    }
    let startNorm = controller.projectedGradientNorm(at: x).map { max($0, .leastNormalMagnitude) }
    var reason = StopReason.iterations
    loop: while true {
        if let tolerance = stop.projectedGradientTolerance, let norm = controller.projectedGradientNorm(at: x),
           let startNorm, norm <= tolerance * startNorm { reason = .projectedGradient; break }
        if let most = stop.maxEvaluations, evaluations >= most { reason = .evaluations; break }
        if let most = stop.maxIterations, iteration >= most { reason = .iterations; break }
        let left = (stop.maxEvaluations ?? .max) - evaluations
        switch controller.advance(&x, objective: objective, evaluationsLeft: left) {
        case .moved(let v, let reached, let change, let used, let lastIsX):
            evaluations += used
            lastEvaluatedIsX = lastIsX
            endsAtX = reached
            history.append(v)
            if !v.isFinite {
                return AscentOutcome(theta: x, valueHistory: history, evaluations: evaluations, stopReason: reason,
                                     diverged: true, endsAtTheta: false, lastEvaluatedIsTheta: false)
            }
            onIteration(iteration, v)
            iteration += 1
            if let tolerance = stop.valueTolerance, let change, change <= tolerance,
               stop.allowsValueStop(norm: controller.projectedGradientNorm(at: x), start: startNorm) { reason = .valueChange; break loop }
        case .retry(let used):
            evaluations += used
            if used > 0 { lastEvaluatedIsX = false }
        case .stopped(let why, let used):
            evaluations += used
            if used > 0 { lastEvaluatedIsX = false }
            reason = why
            break loop
        }
    }
    return AscentOutcome(theta: x, valueHistory: history, evaluations: evaluations, stopReason: reason,
                         endsAtTheta: endsAtX, lastEvaluatedIsTheta: lastEvaluatedIsX,
                         projectedGradientNorm: controller.projectedGradientNorm(at: x), startProjectedGradientNorm: startNorm)
}
