/// Finite-difference check of dV/dtheta: central differences of V along random unit directions
/// u, compared with the analytic directional derivative grad . u. V sums thousands of steps, so
/// its round-off (~1e-13) would swamp a tiny step; a larger step with Richardson extrapolation,
/// (4 D(eps/2) - D(eps)) / 3, keeps the truncation error at O(eps^4) and the round-off small.
public struct GradientCheckReport {
    public struct Direction { public var analytic: Double; public var numeric: Double; public var relativeError: Double }
    public var directions: [Direction]
    public var maxRelativeError: Double { directions.map(\.relativeError).max() ?? 0 }
    public func passes(tolerance: Double) -> Bool { maxRelativeError <= tolerance }
}

public func checkGradient(engine: any ValueEngine, at theta: [Double], directions: Int = 5,
                          epsilon: Double = 1e-4, seed: UInt64 = 1) -> GradientCheckReport {
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
        let numeric = (4 * central(epsilon / 2) - central(epsilon)) / 3
        let analytic = zip(gradient, u).reduce(0) { $0 + $1.0 * $1.1 }
        // Relative to the gradient's size, so a direction nearly orthogonal to it does not
        // turn round-off into a large "relative" error.
        let scale = max(abs(analytic), abs(numeric), 1e-3 * gradient.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-12)
        report.directions.append(.init(analytic: analytic, numeric: numeric,
                                       relativeError: abs(analytic - numeric) / scale))
    }
    return report
}
