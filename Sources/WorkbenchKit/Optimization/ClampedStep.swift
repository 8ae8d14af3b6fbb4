/// The paper's controller: every iteration evaluates V and its gradient at x, then steps by the
/// update and clamps into the box. A plain `Scale` takes the objective's fused ascent.
public struct ClampedStep<Update: UpdateStep>: StepController {
    public var update: Update
    public let bounds: Bounds
    var gradient: [Double] = []
    public init(_ update: Update, bounds: Bounds) { self.update = update; self.bounds = bounds }

    public mutating func start(_ x: [Double], objective: any Objective) -> Double? {
        if !(update is Scale) { gradient = [Double](repeating: 0, count: x.count) }
        return nil
    }

    public mutating func advance(_ x: inout [Double], objective: any Objective, evaluationsLeft: Int) -> Advance {
        let v: Double
        if let scale = update as? Scale {
            v = objective.ascend(&x, rate: scale.rate, bounds: bounds)
        } else {
            v = objective.valueAndGradient(x, gradient: &gradient)
            update.apply(&gradient, held: [])
            for k in x.indices { x[k] += gradient[k] }
            bounds.clamp(&x)
        }
        return .moved(value: v, reached: false, change: nil, evaluations: 1, lastEvaluatedIsX: false)
    }

    public func projectedGradientNorm(at x: [Double]) -> Double? { nil }
}
