import Foundation

/// Box constraints on the control. `lower`/`upper` repeat with period `count` over the
/// parameter vector (period 1 = one bound for every entry; period = per-step control size =
/// a bound per control component).
public struct Bounds: Equatable {
    public var lower: [Double]
    public var upper: [Double]
    public init(lower: [Double], upper: [Double]) {
        precondition(lower.count == upper.count && !lower.isEmpty)
        self.lower = lower; self.upper = upper
    }
    public init(_ lower: Double, _ upper: Double) { self.init(lower: [lower], upper: [upper]) }
    public static let none = Bounds(-.infinity, .infinity)

    /// Clamps `count` entries at `x`, which sit at `offset` in the whole parameter vector.
    @inline(__always)
    public func clamp(_ x: UnsafeMutablePointer<Double>, count: Int, offset: Int) {
        let p = lower.count
        if p == 1 {
            let lo = lower[0], hi = upper[0]
            if lo == -.infinity && hi == .infinity { return }
            for k in 0..<count { x[k] = min(max(x[k], lo), hi) }
        } else {
            for k in 0..<count { x[k] = min(max(x[k], lower[(offset + k) % p]), upper[(offset + k) % p]) }
        }
    }

    public func clamp(_ theta: inout [Double]) {
        theta.withUnsafeMutableBufferPointer { t in
            if let base = t.baseAddress { clamp(base, count: t.count, offset: 0) }
        }
    }
}
