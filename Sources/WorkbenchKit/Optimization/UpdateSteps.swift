import Foundation

/// Turns the gradient at an iterate into the step the step-size controller then takes (optax's
/// gradient transformations). `held` lists the entries the box holds where they are (at a bound,
/// pushed outward): their step stays 0. Steps with memory learn from each accepted move.
public protocol UpdateStep {
    /// In: dV/dx at x. Out: the step.
    mutating func apply(_ step: inout [Double], held: [Int])
    /// An accepted move from x to xNew, with the gradients at both.
    mutating func accepted(x: [Double], xNew: [Double], g: [Double], gNew: [Double])
    /// Forgets what it learned (a stale curvature model).
    mutating func reset()
    /// Whether it has learned nothing yet, so its step is only the gradient's scale.
    var isFresh: Bool { get }
}

public extension UpdateStep {
    mutating func accepted(x: [Double], xNew: [Double], g: [Double], gNew: [Double]) {}
    mutating func reset() {}
    var isFresh: Bool { true }
}

/// The paper's update (eq. 3): rate times the gradient.
public struct Scale: UpdateStep {
    public let rate: Double
    public init(_ rate: Double) { self.rate = rate }
    public mutating func apply(_ step: inout [Double], held: [Int]) {
        for k in step.indices { step[k] = rate * step[k] }
        for k in held { step[k] = 0 }
    }
}

/// Adam, amsgrad variant (as the authors used for MAML and learning rates).
public struct Adam: UpdateStep {
    public let rate: Double
    /// torch's 1e-8. Gradients far below it leave the control where it started: late steps of a
    /// strongly discounted V (gamma^t dt < 1e-8) never move.
    public let epsilon: Double
    let beta1 = 0.9, beta2 = 0.999
    var m1: [Double] = [], m2: [Double] = [], m2max: [Double] = []
    var t = 0
    public init(rate: Double, epsilon: Double = 1e-8) { self.rate = rate; self.epsilon = epsilon }

    public mutating func apply(_ step: inout [Double], held: [Int]) {
        if m1.count != step.count { m1 = [Double](repeating: 0, count: step.count); m2 = m1; m2max = m1 }
        t += 1
        let c1 = 1 - pow(beta1, Double(t)), c2 = 1 - pow(beta2, Double(t))
        for j in step.indices {
            let gj = step[j]
            m1[j] = beta1 * m1[j] + (1 - beta1) * gj
            m2[j] = beta2 * m2[j] + (1 - beta2) * gj * gj
            m2max[j] = max(m2max[j], m2[j])
            step[j] = rate * (m1[j] / c1) / ((m2max[j] / c2).squareRoot() + epsilon)
        }
        for k in held { step[k] = 0 }
    }
}

/// L-BFGS: the two-loop recursion over the last (s, y) pairs of f = -V, restricted to the free
/// entries (held ones are zeroed after each update, so plain dot products see only free entries).
/// Without pairs its step is `firstStep` times the gradient, the paper's step.
///
/// `metric` (e.g. `Engine.discountMetric`): the diagonal of the initial inverse Hessian, for
/// problems whose entries' gradients and curvatures share a known scale spanning many decades (a
/// late step's both carry gamma^t).
public struct QuasiNewton: UpdateStep {
    let capacity: Int
    let firstStep: Double
    let metric: [Double]?
    var pairs: [(s: [Double], y: [Double], rho: Double)] = []
    public init(memory: Int, firstStep: Double, metric: [Double]? = nil) {
        capacity = max(1, memory); self.firstStep = firstStep; self.metric = metric
    }
    public var isFresh: Bool { pairs.isEmpty }
    public mutating func reset() { pairs.removeAll() }

    public mutating func accepted(x: [Double], xNew: [Double], g: [Double], gNew: [Double]) {
        var s: [Double], y: [Double]
        if pairs.count == capacity { (s, y, _) = pairs.removeFirst() } else { s = xNew; y = xNew }
        let n = x.count
        for k in 0..<n { s[k] = xNew[k] - x[k]; y[k] = g[k] - gNew[k] }
        let sy = dot(s, y), yy = dot(y, y)
        if sy > 1e-12 * yy && sy > 0 { pairs.append((s, y, 1 / sy)) }
    }

    public mutating func apply(_ d: inout [Double], held: [Int]) {
        let n = d.count
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

/// a . b over all entries, less the held ones (given the full dot product).
@inline(__always)
private func masked(_ full: Double, _ a: [Double], _ b: [Double], _ held: [Int]) -> Double {
    var s = full
    for k in held { s -= a[k] * b[k] }
    return s
}

@inline(__always)
func dot(_ a: [Double], _ b: [Double]) -> Double {
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
