import Foundation

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

/// Settings of the projected quasi-Newton ascent: when to stop, and its memory.
public struct ConvergenceSettings: Equatable {
    /// Largest entry of the projected gradient, relative to its size at the start.
    public var projectedGradientTolerance: Double
    /// (V_new - V_old) / max(|V_old|, |V_new|, 1) below which the ascent stops.
    public var valueTolerance: Double
    /// Gradient evaluations at most (line-search trials count).
    public var maxEvaluations: Int
    /// (s, y) pairs kept (each two copies of the control: `MemoryPlan.controlCopies(for: .lbfgs)` counts 5).
    public var memory: Int
    public init(projectedGradientTolerance: Double = 1e-6, valueTolerance: Double = 1e-10,
                maxEvaluations: Int = 300, memory: Int = 5) {
        self.projectedGradientTolerance = projectedGradientTolerance; self.valueTolerance = valueTolerance
        self.maxEvaluations = maxEvaluations; self.memory = memory
    }
}

/// Projected L-BFGS ascent on V over a box (after Bertsekas' projected Newton and L-BFGS-B's use of
/// the free set): entries at a bound whose gradient pushes outward are held; the two-loop recursion
/// gives a direction on the others; a backtracking search along the projected path
/// x(a) = P(x + a d) accepts the first step with sufficient increase (Armijo on the projected step).
/// The first step is scaled to `firstStep` times the gradient (the paper's rate is a safe choice)
/// and lengthened while that pays; later steps start at a = 1, where a quasi-Newton direction is
/// already scaled.
///
/// `metric` (e.g. `ValueEngine.discountMetric`): the diagonal of the initial inverse Hessian, for
/// problems whose entries' gradients and curvatures share a known scale spanning many decades (a
/// late step's both carry gamma^t). The search then works in the entries' own scale: the first
/// step is `firstStep` times metric times the gradient and is not lengthened (from a point another
/// method chose, a long step could leave its basin); the projected gradient is measured in the
/// metric; and V's change does not stop it, since moving a late entry to its own optimum changes V
/// only by its gamma^t (at gamma 0.6, t 90: 1e-20).
public func ascendProjectedQuasiNewton(engine: any ValueEngine, initial: [Double], bounds: Bounds, firstStep: Double,
                                       settings: ConvergenceSettings, metric: [Double]? = nil,
                                       onIteration: (Int, Double) -> Void = { _, _ in }) -> OptimizationResult {
    let n = initial.count
    let box = BoxWalk(bounds, count: n)
    var x = initial
    bounds.clamp(&x)
    var g = [Double](repeating: 0, count: n)
    var v = engine.valueAndGradient(x, gradient: &g)
    var evaluations = 1
    var history = [v]
    var memory = PairMemory(capacity: settings.memory, metric: metric)
    let startNorm = max(box.projectedGradientNorm(x, g, metric: metric), .leastNormalMagnitude)
    var reason = StopReason.evaluations
    var iteration = 0
    var d = [Double](repeating: 0, count: n), xNew = d, gNew = d
    // Whether the engine's last evaluation was of x, so the final trajectory needs no new rollout.
    var lastEvaluatedIsX = true

    while true {
        if box.projectedGradientNorm(x, g, metric: metric) <= settings.projectedGradientTolerance * startNorm { reason = .projectedGradient; break }
        if evaluations >= settings.maxEvaluations { reason = .evaluations; break }
        // Held entries (at a bound, gradient pointing out of the box) stay put: d is kept 0 there.
        let held = box.heldIndices(x, g)
        memory.direction(&d, gradient: g, held: held, firstStep: firstStep)
        if dot(g, d) <= 0 {                                   // not an ascent direction: restart from the gradient
            memory.clear()
            memory.direction(&d, gradient: g, held: held, firstStep: firstStep)
        }
        // Backtracking along the projected path x(a) = P(x + a d), Armijo on the projected step.
        var step = 1.0, accepted = false, vNew = v
        while evaluations < settings.maxEvaluations {
            box.project(x, step, d, into: &xNew)
            vNew = engine.valueAndGradient(xNew, gradient: &gNew)
            evaluations += 1
            lastEvaluatedIsX = false
            let gain = differenceDot(g, xNew, x)
            if vNew.isFinite && gain > 0 && vNew >= v + 1e-4 * gain { accepted = true; break }
            step *= 0.25
            if step < 1e-12 { break }
        }
        // Without curvature pairs the step is the caller's guess: while it was accepted at once,
        // try four times longer ones and keep the best (a saddle's flat start, e.g. MAML's small
        // initial weights, would otherwise crawl at the first step's scale).
        var lastEvaluatedIsNew = true
        if accepted && memory.isEmpty && step == 1 && metric == nil {
            var xTry = xNew, gTry = gNew
            while evaluations < settings.maxEvaluations {
                step *= 4
                box.project(x, step, d, into: &xTry)
                let vTry = engine.valueAndGradient(xTry, gradient: &gTry)
                evaluations += 1
                lastEvaluatedIsNew = false
                guard vTry.isFinite && vTry > vNew && vTry >= v + 1e-4 * differenceDot(g, xTry, x) else { break }
                swap(&xTry, &xNew); swap(&gTry, &gNew); vNew = vTry
                lastEvaluatedIsNew = true
            }
        }
        guard accepted else {
            if memory.isEmpty { reason = evaluations >= settings.maxEvaluations ? .evaluations : .lineSearch; break }
            memory.clear()                                    // a stale curvature model: retry from the gradient
            continue
        }
        memory.append(x: x, xNew: xNew, g: g, gNew: gNew)
        let change = (vNew - v) / max(abs(v), abs(vNew), 1)
        swap(&x, &xNew); swap(&g, &gNew); v = vNew
        lastEvaluatedIsX = lastEvaluatedIsNew
        history.append(v)
        onIteration(iteration, v)
        iteration += 1
        if change <= settings.valueTolerance && metric == nil { reason = .valueChange; break }
    }
    let final = lastEvaluatedIsX ? engine.lastRollout(of: x) : engine.rollout(x)
    return OptimizationResult(theta: x, valueHistory: history,
                              convergence: ConvergenceReport(evaluations: evaluations, stopReason: reason,
                                                             projectedGradientNorm: box.projectedGradientNorm(x, g, metric: metric),
                                                             startProjectedGradientNorm: startNorm),
                              trajectory: final)
}

/// The last (s, y) pairs of f = -V and the two-loop recursion over them, restricted to the free
/// entries (held ones are zeroed after each update, so plain dot products see only free entries).
struct PairMemory {
    let capacity: Int
    /// The diagonal of the initial inverse Hessian (up to the usual scalar), nil for the identity.
    let metric: [Double]?
    var pairs: [(s: [Double], y: [Double], rho: Double)] = []
    init(capacity: Int, metric: [Double]? = nil) { self.capacity = max(1, capacity); self.metric = metric }
    var isEmpty: Bool { pairs.isEmpty }
    mutating func clear() { pairs.removeAll() }

    mutating func append(x: [Double], xNew: [Double], g: [Double], gNew: [Double]) {
        var s: [Double], y: [Double]
        if pairs.count == capacity { (s, y, _) = pairs.removeFirst() } else { s = xNew; y = xNew }
        let n = x.count
        for k in 0..<n { s[k] = xNew[k] - x[k]; y[k] = g[k] - gNew[k] }
        let sy = dot(s, y), yy = dot(y, y)
        if sy > 1e-12 * yy && sy > 0 { pairs.append((s, y, 1 / sy)) }
    }

    /// d = H g on the free entries: the paper's step (firstStep g) without curvature pairs.
    func direction(_ d: inout [Double], gradient g: [Double], held: [Int], firstStep: Double) {
        let n = g.count
        for k in 0..<n { d[k] = g[k] }
        for k in held { d[k] = 0 }
        var alphas = [Double](repeating: 0, count: pairs.count)
        for j in pairs.indices.reversed() {
            alphas[j] = pairs[j].rho * dot(pairs[j].s, d)
            axpy(-alphas[j], pairs[j].y, &d, held)
        }
        if let metric {
            if let last = pairs.last {
                var yMy = 0.0
                for k in 0..<n { yMy += last.y[k] * metric[k] * last.y[k] }
                for k in held { yMy -= last.y[k] * metric[k] * last.y[k] }
                let gamma = masked(1 / last.rho, last.s, last.y, held) / max(yMy, .leastNormalMagnitude)
                for k in 0..<n { d[k] *= gamma * metric[k] }
            } else {
                for k in 0..<n { d[k] *= firstStep * metric[k] }
            }
        } else if let last = pairs.last {
            let sy = masked(1 / last.rho, last.s, last.y, held), yy = masked(dot(last.y, last.y), last.y, last.y, held)
            let gamma = sy / max(yy, .leastNormalMagnitude)
            for k in 0..<n { d[k] *= gamma }
        } else {
            for k in 0..<n { d[k] *= firstStep }
        }
        for j in pairs.indices {
            let beta = pairs[j].rho * dot(pairs[j].y, d)
            axpy(alphas[j] - beta, pairs[j].s, &d, held)
        }
    }
}

/// The box, walked in blocks of its period so no entry needs a division to find its bounds.
struct BoxWalk {
    let lower: [Double], upper: [Double], count: Int
    init(_ b: Bounds, count: Int) { lower = b.lower; upper = b.upper; self.count = count }

    @inline(__always)
    func forEach(_ body: (Int, Double, Double) -> Void) {
        let p = lower.count
        var base = 0
        while base < count {
            for j in 0..<min(p, count - base) { body(base + j, lower[j], upper[j]) }
            base += p
        }
    }

    /// Largest |P(x + g) - x|: zero exactly at a constrained maximum.
    func projectedGradientNorm(_ x: [Double], _ g: [Double], metric: [Double]? = nil) -> Double {
        var m = 0.0
        if let metric {
            forEach { k, lo, hi in m = max(m, abs(min(max(x[k] + metric[k] * g[k], lo), hi) - x[k])) }
        } else {
            forEach { k, lo, hi in m = max(m, abs(min(max(x[k] + g[k], lo), hi) - x[k])) }
        }
        return m
    }

    func heldIndices(_ x: [Double], _ g: [Double]) -> [Int] {
        var held: [Int] = []
        forEach { k, lo, hi in if (x[k] <= lo && g[k] < 0) || (x[k] >= hi && g[k] > 0) { held.append(k) } }
        return held
    }

    func project(_ x: [Double], _ step: Double, _ d: [Double], into out: inout [Double]) {
        out.withUnsafeMutableBufferPointer { o in
            forEach { k, lo, hi in o[k] = min(max(x[k] + step * d[k], lo), hi) }
        }
    }
}

/// a . b over all entries, less the held ones (given the full dot product).
@inline(__always)
private func masked(_ full: Double, _ a: [Double], _ b: [Double], _ held: [Int]) -> Double {
    var s = full
    for k in held { s -= a[k] * b[k] }
    return s
}

@inline(__always)
private func dot(_ a: [Double], _ b: [Double]) -> Double {
    a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in Kernels.dot(pa.baseAddress!, pb.baseAddress!, pa.count) } }
}

/// y += alpha x, then y = 0 on the held entries.
@inline(__always)
private func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double], _ held: [Int]) {
    x.withUnsafeBufferPointer { px in
        y.withUnsafeMutableBufferPointer { py in Kernels.axpy(alpha, px.baseAddress!, py.baseAddress!, px.count) }
    }
    for k in held { y[k] = 0 }
}

/// g . (a - b).
@inline(__always)
private func differenceDot(_ g: [Double], _ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for k in g.indices { s += g[k] * (a[k] - b[k]) }
    return s
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

