import Foundation

/// A backtracking search along the projected path x(a) = P(x + a d) (after Bertsekas' projected
/// Newton and L-BFGS-B's use of the free set): entries at a bound whose gradient pushes outward are
/// held; the update step gives d on the others; the first step with sufficient increase (Armijo on
/// the projected step) is accepted. While the update has learned nothing its step is the caller's
/// guess: accepted at once, four times longer ones are tried and the best kept (a saddle's flat
/// start, e.g. MAML's small initial weights, would otherwise crawl at the first step's scale).
/// With the update's L-BFGS memory this is projected L-BFGS; later steps start at a = 1, where a
/// quasi-Newton direction is already scaled.
///
/// With a `metric` (the update's, e.g. the discount metric) the projected gradient is measured in
/// it, the first step is not lengthened (from a point another method chose, a long step could
/// leave its basin), and V's change is not reported, so it stops no ascent: moving a late entry to
/// its own optimum changes V only by its gamma^t (at gamma 0.6, t 90: 1e-20).
public struct ProjectedLineSearch<Update: UpdateStep>: StepController {
    public var update: Update
    let box: BoxWalk
    let metric: [Double]?
    var v = 0.0
    var g: [Double] = [], d: [Double] = [], xNew: [Double] = [], gNew: [Double] = [], xTry: [Double] = [], gTry: [Double] = []
    public init(_ update: Update, bounds: Bounds, count: Int, metric: [Double]? = nil) {
        self.update = update; box = BoxWalk(bounds, count: count); self.metric = metric
    }

    public mutating func start(_ x: [Double], objective: any Objective) -> Double? {
        g = [Double](repeating: 0, count: x.count)
        d = g; xNew = g; gNew = g
        v = objective.valueAndGradient(x, gradient: &g)
        return v
    }

    public func projectedGradientNorm(at x: [Double]) -> Double? { box.projectedGradientNorm(x, g, metric: metric) }

    public mutating func advance(_ x: inout [Double], objective: any Objective, evaluationsLeft: Int) -> Advance {
        let held = box.heldIndices(x, g)
        direction(held)
        if dot(g, d) <= 0 {                                 // not an ascent direction: restart from the gradient
            update.reset()
            direction(held)
        }
        var used = 0, step = 1.0, accepted = false, vNew = v
        while used < evaluationsLeft {
            box.project(x, step, d, into: &xNew)
            vNew = objective.valueAndGradient(xNew, gradient: &gNew)
            used += 1
            let gain = differenceDot(g, xNew, x)
            if vNew.isFinite && gain > 0 && vNew >= v + 1e-4 * gain { accepted = true; break }
            step *= 0.25
            if step < 1e-12 { break }
        }
        var lastEvaluatedIsNew = true
        if accepted && update.isFresh && step == 1 && metric == nil {
            xTry = xNew; gTry = gNew
            while used < evaluationsLeft {
                step *= 4
                box.project(x, step, d, into: &xTry)
                let vTry = objective.valueAndGradient(xTry, gradient: &gTry)
                used += 1
                lastEvaluatedIsNew = false
                guard vTry.isFinite && vTry > vNew && vTry >= v + 1e-4 * differenceDot(g, xTry, x) else { break }
                swap(&xTry, &xNew); swap(&gTry, &gNew); vNew = vTry
                lastEvaluatedIsNew = true
            }
        }
        guard accepted else {
            if update.isFresh { return .stopped(used >= evaluationsLeft ? .evaluations : .lineSearch, evaluations: used) }
            update.reset()                                    // a stale curvature model: retry from the gradient
            return .retry(evaluations: used)
        }
        update.accepted(x: x, xNew: xNew, g: g, gNew: gNew)
        let change = (vNew - v) / max(abs(v), abs(vNew), 1)
        swap(&x, &xNew); swap(&g, &gNew); v = vNew
        return .moved(value: v, reached: true, change: metric == nil ? change : nil, evaluations: used,
                      lastEvaluatedIsX: lastEvaluatedIsNew)
    }

    /// d = the update's step from the gradient, 0 on the held entries.
    private mutating func direction(_ held: [Int]) {
        for k in d.indices { d[k] = g[k] }
        update.apply(&d, held: held)
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

/// g . (a - b).
@inline(__always)
private func differenceDot(_ g: [Double], _ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for k in g.indices { s += g[k] * (a[k] - b[k]) }
    return s
}

