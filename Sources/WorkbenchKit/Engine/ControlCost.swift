import Foundation

/// The cost C(g_i) of exerting control at one step, and its gradient.
public protocol ControlCost {
    func cost(_ g: UnsafePointer<Double>, count: Int, step: Int) -> Double
    /// out += scale * dC/dg
    func accumulateGradient(_ g: UnsafePointer<Double>, count: Int, step: Int, scale: Double,
                            into out: UnsafeMutablePointer<Double>)
    /// out = scale * dC/dg (all `count` entries written), saving the engine a zero-fill pass.
    func writeGradient(_ g: UnsafePointer<Double>, count: Int, step: Int, scale: Double,
                       into out: UnsafeMutablePointer<Double>)
}

public extension ControlCost {
    func writeGradient(_ g: UnsafePointer<Double>, count: Int, step: Int, scale: Double,
                       into out: UnsafeMutablePointer<Double>) {
        out.update(repeating: 0, count: count)
        accumulateGradient(g, count: count, step: step, scale: scale, into: out)
    }
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

    /// s, with the common unweighted case as vectorized sums: sum (g-o)^2 = sum g^2 - 2 o sum g + n o^2.
    @inline(__always)
    func value(_ g: UnsafePointer<Double>) -> Double {
        let base = g + range.lowerBound, n = range.count
        guard let w = weights else {
            let sq = Kernels.sumOfSquares(base, n)
            return offset == 0 ? sq : sq - 2 * offset * Kernels.sum(base, n) + Double(n) * offset * offset
        }
        var s = 0.0
        for j in 0..<n { let d = base[j] - offset; s += w[j] * d * d }
        return s
    }

    /// out = factor * ds/dg on the range and 0 elsewhere in 0..<count.
    @inline(__always)
    func write(_ g: UnsafePointer<Double>, count: Int, factor: Double, into out: UnsafeMutablePointer<Double>) {
        out.update(repeating: 0, count: range.lowerBound)
        (out + range.upperBound).update(repeating: 0, count: count - range.upperBound)
        let base = g + range.lowerBound, o = out + range.lowerBound, n = range.count
        let f2 = 2 * factor, off = offset
        if let w = weights {
            for j in 0..<n { o[j] = f2 * w[j] * (base[j] - off) }
        } else {
            for j in 0..<n { o[j] = f2 * (base[j] - off) }
        }
    }

    /// out += factor * ds/dg
    @inline(__always)
    func accumulate(_ g: UnsafePointer<Double>, factor: Double, into out: UnsafeMutablePointer<Double>) {
        let base = g + range.lowerBound, o = out + range.lowerBound, n = range.count
        let f2 = 2 * factor, off = offset
        if let w = weights {
            for j in 0..<n { o[j] += f2 * w[j] * (base[j] - off) }
        } else {
            for j in 0..<n { o[j] += f2 * (base[j] - off) }
        }
    }
}

/// The paper's costs, all functions of one weighted squared norm s:
/// - exponential: exp(beta * s) - 1   (gain modulation, eq. 7)
/// - quadratic:   beta * s            (single neuron, engagement, learning rate)
/// - sizeConstraint: beta * (s - size)^2 / normalizer  (vector engagement)
public struct NormCost: ControlCost {
    public enum Shape: Equatable {
        case exponential
        case quadratic
        case sizeConstraint(size: Double, normalizer: Double)
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
        norm.accumulate(g, factor: scale * derivative(g), into: out)
    }

    public func writeGradient(_ g: UnsafePointer<Double>, count: Int, step: Int, scale: Double,
                              into out: UnsafeMutablePointer<Double>) {
        norm.write(g, count: count, factor: scale * derivative(g), into: out)
    }

    /// dC/ds at the current s.
    @inline(__always)
    func derivative(_ g: UnsafePointer<Double>) -> Double {
        if beta == 0 { return 0 }
        let s = norm.value(g)
        switch shape {
        case .exponential: return beta * exp(beta * s)
        case .quadratic: return beta
        case .sizeConstraint(let size, let z): return 2 * beta * (s - size) / z
        }
    }
}

/// No cost (MAML).
public struct ZeroCost: ControlCost {
    public init() {}
    public func cost(_ g: UnsafePointer<Double>, count: Int, step: Int) -> Double { 0 }
    public func accumulateGradient(_ g: UnsafePointer<Double>, count: Int, step: Int, scale: Double,
                                   into out: UnsafeMutablePointer<Double>) {}
}
