/// What an optimizer needs of a problem: V and its gradient at a point. The engine is one; a test's
/// closed-form function is another.
public protocol Objective: AnyObject {
    func valueAndGradient(_ x: [Double], gradient: inout [Double]) -> Double
    /// One step of the paper's clamped ascent, x <- clamp(x + rate dV/dx), returning V at x before
    /// the step. The engine fuses it into its adjoint sweep (the gradient never travels through
    /// memory as a separate array); this default computes the same numbers in two passes.
    func ascend(_ x: inout [Double], rate: Double, bounds: Bounds) -> Double
}

public extension Objective {
    func ascend(_ x: inout [Double], rate: Double, bounds: Bounds) -> Double {
        ascendInTwoPasses(&x, rate: rate, bounds: bounds)
    }

    /// The clamped ascent step as the gradient, then the update: what fusing saves is measured
    /// against this (`workbench bench`).
    func ascendInTwoPasses(_ x: inout [Double], rate: Double, bounds: Bounds) -> Double {
        var gradient = [Double](repeating: 0, count: x.count)
        let v = valueAndGradient(x, gradient: &gradient)
        for k in x.indices { x[k] += rate * gradient[k] }
        bounds.clamp(&x)
        return v
    }
}
