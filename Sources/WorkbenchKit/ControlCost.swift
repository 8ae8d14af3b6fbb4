import Foundation

/// The cost C(g_i) of exerting control at one step, and its gradient.
public protocol ControlCost {
    func cost(_ g: UnsafePointer<Double>, count: Int, step: Int) -> Double
    /// out += scale * dC/dg
    func accumulateGradient(_ g: UnsafePointer<Double>, count: Int, step: Int, scale: Double,
                            into out: UnsafeMutablePointer<Double>)
}

/// Weighted squared norm of g - offset: s = sum_k w_k (g_k - offset_k)^2, with optional weights
/// (a neuron-basis coefficient stands for a whole row of gains) and a range of entries it applies to.
public struct WeightedSquares {
    public var range: Range<Int>
    public var offset: Double
    public var weights: [Double]?

    public init(range: Range<Int>, offset: Double = 0, weights: [Double]? = nil) {
        precondition(weights == nil || weights!.count == range.count)
        self.range = range; self.offset = offset; self.weights = weights
    }

    @inline(__always)
    func value(_ g: UnsafePointer<Double>) -> Double {
        var s = 0.0
        if let w = weights {
            for (j, k) in range.enumerated() { let d = g[k] - offset; s += w[j] * d * d }
        } else {
            for k in range { let d = g[k] - offset; s += d * d }
        }
        return s
    }

    /// out += factor * ds/dg
    @inline(__always)
    func accumulate(_ g: UnsafePointer<Double>, factor: Double, into out: UnsafeMutablePointer<Double>) {
        if let w = weights {
            for (j, k) in range.enumerated() { out[k] += factor * 2 * w[j] * (g[k] - offset) }
        } else {
            for k in range { out[k] += factor * 2 * (g[k] - offset) }
        }
    }
}

/// The paper's costs, all functions of one weighted squared norm s:
/// - exponential: exp(beta * s) - 1   (gain modulation, eq. 7)
/// - quadratic:   beta * s            (single neuron, engagement, learning rate)
/// - sizeConstraint: beta * (s - size)^2 / normaliser  (vector engagement)
public struct NormCost: ControlCost {
    public enum Shape: Equatable {
        case exponential
        case quadratic
        case sizeConstraint(size: Double, normaliser: Double)
    }
    public var shape: Shape
    public var beta: Double
    public var norm: WeightedSquares

    public init(_ shape: Shape, beta: Double, norm: WeightedSquares) {
        self.shape = shape; self.beta = beta; self.norm = norm
    }

    public func cost(_ g: UnsafePointer<Double>, count: Int, step: Int) -> Double {
        let s = norm.value(g)
        switch shape {
        case .exponential: return expm1(beta * s)
        case .quadratic: return beta * s
        case .sizeConstraint(let size, let z): return beta * (s - size) * (s - size) / z
        }
    }

    public func accumulateGradient(_ g: UnsafePointer<Double>, count: Int, step: Int, scale: Double,
                                   into out: UnsafeMutablePointer<Double>) {
        if beta == 0 { return }
        let s = norm.value(g)
        let dCds: Double
        switch shape {
        case .exponential: dCds = beta * exp(beta * s)
        case .quadratic: dCds = beta
        case .sizeConstraint(let size, let z): dCds = 2 * beta * (s - size) / z
        }
        norm.accumulate(g, factor: scale * dCds, into: out)
    }
}

/// No cost (MAML).
public struct ZeroCost: ControlCost {
    public init() {}
    public func cost(_ g: UnsafePointer<Double>, count: Int, step: Int) -> Double { 0 }
    public func accumulateGradient(_ g: UnsafePointer<Double>, count: Int, step: Int, scale: Double,
                                   into out: UnsafeMutablePointer<Double>) {}
}
