import XCTest
@testable import WorkbenchKit

/// V(x) = -1/2 sum_k w_k (x_k - c_k)^2 with w_k = gamma^k spanning 30 decades, as a discounted V's
/// late steps do: each entry's gradient and curvature carry its w_k.
final class DiscountedQuadratic: ClosedFormValue {
    let n: Int, c: [Double], w: [Double]
    init(n: Int, gamma: Double) {
        self.n = n
        c = (0..<n).map { 0.5 * sin(Double($0)) }
        w = (0..<n).map { pow(gamma, Double($0)) }
    }
    var parameterCount: Int { n }
    var steps: Int { n }
    var controlCount: Int { 1 }
    var discountMetric: [Double]? { w.map { 1 / $0 } }
    func value(_ theta: [Double]) -> Double {
        var v = 0.0
        for k in 0..<n { v -= 0.5 * w[k] * (theta[k] - c[k]) * (theta[k] - c[k]) }
        return v
    }
    func valueAndGradient(_ theta: [Double], gradient: inout [Double]) -> Double {
        for k in 0..<n { gradient[k] = -w[k] * (theta[k] - c[k]) }
        return value(theta)
    }
}

/// Projected L-BFGS in the discount metric (`Recipe.projectedQuasiNewton`'s `metric`): no optimizer
/// kind passes it, so these tests are what keeps it working for problems that need it.
final class DiscountMetricTests: XCTestCase {
    /// In the discount metric L-BFGS moves every entry to its own optimum, the late ones too; in the
    /// Euclidean one their gradients (down to 1e-30) leave them where they started.
    func testTheDiscountMetricReachesTheLateEntriesOptimum() {
        let engine = DiscountedQuadratic(n: 100, gamma: 0.5)
        let start = [Double](repeating: 0, count: 100)
        let euclidean = Recipe.projectedQuasiNewton(firstStep: 0.1, bounds: Bounds(-1, 1), settings: ConvergenceSettings(maxEvaluations: 200))
            .optimize(engine, from: start)
        let metric = Recipe.projectedQuasiNewton(firstStep: 0.1, bounds: Bounds(-1, 1), settings: ConvergenceSettings(maxEvaluations: 200),
                                                 metric: engine.discountMetric).optimize(engine, from: start)
        let worst = { (r: OptimizationResult) in zip(r.theta, engine.c).map { abs($0 - $1) }.max()! }
        XCTAssertLessThan(worst(metric), 1e-6, "\(metric.convergence!)")
        XCTAssertEqual(metric.convergence?.stopReason, .projectedGradient)
        XCTAssertGreaterThan(worst(euclidean), 0.1, "the contrast: late entries stay put")
        XCTAssertGreaterThanOrEqual(metric.valueHistory.last!, euclidean.valueHistory.last! - 1e-12)
    }

    /// The engine's metric is 1 / gamma^(t_i) for every control entry of step i.
    func testTheEnginesDiscountMetricIsTheInverseDiscountPerStep() {
        let steps = 40, dt = 0.5, gamma = 0.8
        let engine = Engine(ControlProblem(dynamics: RelaxationExperiment.Model(), steps: steps, dt: dt, gamma: gamma, eta: 1,
                                           cost: NormCost(.quadratic, beta: 0.1, norm: WeightedSquares(range: 0..<1)),
                                           map: .perStep(initialState: [0.5])))
        let metric = try! XCTUnwrap(engine.discountMetric)
        XCTAssertEqual(metric.count, steps)
        for i in 0..<steps { XCTAssertEqual(metric[i], pow(gamma, -Double(i) * dt), accuracy: 1e-12 * metric[i]) }
    }

    /// Where the discount underflows (gamma 0.001 over t = 200: gamma^t ~ 1e-600) the metric stays
    /// finite, and L-BFGS in it ends with a finite control no lower than its start.
    func testTheDiscountMetricStaysFiniteWhereTheDiscountUnderflows() throws {
        let engine = Engine(ControlProblem(dynamics: RelaxationExperiment.Model(), steps: 200, dt: 1, gamma: 0.001, eta: 1,
                                           cost: NormCost(.quadratic, beta: 0.1, norm: WeightedSquares(range: 0..<1)),
                                           map: .perStep(initialState: [0.5])))
        let metric = try XCTUnwrap(engine.discountMetric)
        XCTAssertTrue(metric.allSatisfy { $0.isFinite && $0 >= 1 })
        let start = [Double](repeating: 0.2, count: 200)
        let result = Recipe.projectedQuasiNewton(firstStep: 0.01, bounds: Bounds(-1, 1), settings: ConvergenceSettings(maxEvaluations: 100),
                                                 metric: metric).optimize(engine, from: start)
        XCTAssertTrue(result.theta.allSatisfy(\.isFinite))
        XCTAssertGreaterThanOrEqual(result.valueHistory.last!, result.valueHistory.first!)
    }
}
