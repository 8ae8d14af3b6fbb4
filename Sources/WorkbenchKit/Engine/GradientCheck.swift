/// Finite-difference check of dV/dtheta: central differences of V along random unit directions
/// u, compared with the analytic directional derivative grad . u. V sums thousands of steps, so
/// its round-off (~1e-13) would swamp a tiny step; a larger step with Richardson extrapolation,
/// (4 D(eps/2) - D(eps)) / 3, keeps the truncation error at O(eps^4) and the round-off small.
/// Without a fixed step, each direction picks its own: the extrapolated estimates along a ladder of
/// halving steps settle on a plateau between truncation (large steps) and round-off (small ones),
/// and the step where three neighbors agree best is taken. Where V is not smooth along a direction
/// (a kink, such as the learning rule's at eta_r = 0) the estimates never settle, and `spread`
/// (their best agreement, relative) says so.
public struct GradientCheckReport {
    public struct Direction {
        public var analytic: Double; public var numeric: Double; public var relativeError: Double
        /// The finite-difference step used.
        public var step: Double
        /// Relative disagreement of the three closest neighboring estimates on the ladder (0 for a fixed step).
        public var spread: Double
    }
    public var directions: [Direction]
    public var maxRelativeError: Double { directions.map(\.relativeError).max() ?? 0 }
    public func passes(tolerance: Double) -> Bool { maxRelativeError <= tolerance }
}

/// Halving steps from 1e-2 to ~2e-6 for the adaptive check.
let stepLadder = (0...12).map { 1e-2 / Double(1 << $0) }

/// `epsilon`: a fixed step; nil picks a step per direction (see above), at ~6x the evaluations.
public func checkGradient(engine: any ValueEngine, at theta: [Double], directions: Int = 5,
                          epsilon: Double? = 1e-4, seed: UInt64 = 1) -> GradientCheckReport {
    var rng = SeededGenerator(seed: seed)
    var gradient = [Double](repeating: 0, count: theta.count)
    _ = engine.valueAndGradient(theta, gradient: &gradient)
    var report = GradientCheckReport(directions: [])
    for _ in 0..<directions {
        var u = (0..<theta.count).map { _ in rng.normal() }
        let norm = u.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for k in u.indices { u[k] /= norm }
        func central(_ h: Double) -> Double {
            let plus = zip(theta, u).map { $0 + h * $1 }
            let minus = zip(theta, u).map { $0 - h * $1 }
            return (engine.value(plus) - engine.value(minus)) / (2 * h)
        }
        let analytic = zip(gradient, u).reduce(0) { $0 + $1.0 * $1.1 }
        // Relative to the gradient's size, so a direction nearly orthogonal to it does not
        // turn round-off into a large "relative" error.
        let floor = max(1e-3 * gradient.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-12)
        var numeric: Double, step: Double, spread = 0.0
        if let epsilon {
            numeric = (4 * central(epsilon / 2) - central(epsilon)) / 3
            step = epsilon
        } else {
            let d: [Double] = stepLadder.map(central)
            var r: [Double] = []                                                  // extrapolated from steps k, k+1
            for k in 0..<(d.count - 1) { r.append((4 * d[k + 1] - d[k]) / 3) }
            // Three neighboring estimates must agree: two can meet by chance where they cross.
            var gaps: [Double] = []
            for k in 0..<(r.count - 2) { gaps.append(r[k...(k + 2)].max()! - r[k...(k + 2)].min()!) }
            let best = gaps.indices.min { gaps[$0] < gaps[$1] }!
            numeric = r[best + 1]
            step = stepLadder[best + 1]
            spread = gaps[best] / max(abs(numeric), floor)
        }
        let scale = max(abs(analytic), abs(numeric), floor)
        report.directions.append(.init(analytic: analytic, numeric: numeric,
                                       relativeError: abs(analytic - numeric) / scale, step: step, spread: spread))
    }
    return report
}
