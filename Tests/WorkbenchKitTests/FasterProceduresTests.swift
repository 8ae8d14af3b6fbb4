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

final class FasterProceduresTests: XCTestCase {
    /// In the discount metric L-BFGS moves every entry to its own optimum, the late ones too; in the
    /// Euclidean one their gradients (down to 1e-30) leave them where they started.
    func testTheDiscountMetricReachesTheLateEntriesOptimum() {
        let engine = DiscountedQuadratic(n: 100, gamma: 0.5)
        let start = [Double](repeating: 0, count: 100)
        let euclidean = ascendProjectedQuasiNewton(engine: engine, initial: start, bounds: Bounds(-1, 1), firstStep: 0.1,
                                                   settings: ConvergenceSettings(maxEvaluations: 200))
        let metric = ascendProjectedQuasiNewton(engine: engine, initial: start, bounds: Bounds(-1, 1), firstStep: 0.1,
                                                settings: ConvergenceSettings(maxEvaluations: 200), metric: engine.discountMetric)
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

    /// Adam then L-BFGS: its first quarter is Adam's own, to the last bit; then it converges, at a V
    /// no lower than Adam's whole budget reaches.
    func testAdamThenLBFGSStartsAsAdamAndEndsNoLower() {
        let engine = DiscountedQuadratic(n: 60, gamma: 0.7)
        let start = [Double](repeating: 0.9, count: 60)
        var settings = OptimizerSettings(kind: .adam, rate: 0.01, iterations: 200, bounds: Bounds(-1, 1), adamEpsilon: 1e-300)
        let adam = optimizeControl(engine: engine, initial: start, settings: settings)
        settings.kind = .adamLBFGS
        let hybrid = optimizeControl(engine: engine, initial: start, settings: settings)
        let quarter = AdamThenQuasiNewton.adamIterations(200)
        XCTAssertEqual(quarter, 50)
        XCTAssertEqual(Array(hybrid.valueHistory.prefix(quarter)), Array(adam.valueHistory.prefix(quarter)))
        XCTAssertGreaterThanOrEqual(hybrid.valueHistory.last!, adam.valueHistory.last!)
        XCTAssertLessThan(hybrid.convergence!.evaluations, 200)
        XCTAssertEqual(hybrid.convergence?.stopReason, .projectedGradient)
    }

    /// The gradient flow: the paper's ascent to 1.1 times its flow time in fewer evaluations, at a V
    /// no lower; where a long step would overshoot (a stiff direction) it is taken back and shortened.
    func testTheGradientFlowEndsNoLowerInFewerEvaluations() {
        for (rate, stiff) in [(0.05, false), (0.4, true)] {
            let engine = QuadraticValue(n: 80, seed: 5)          // curvatures up to ~3.8: 8 x 0.4 overshoots
            let start = [Double](repeating: 0, count: 80)
            var settings = OptimizerSettings(kind: .gradient, rate: rate, iterations: 120, bounds: Bounds(-1, 1))
            let paper = optimizeControl(engine: engine, initial: start, settings: settings)
            settings.kind = .gradientFlow
            let flow = optimizeControl(engine: engine, initial: start, settings: settings)
            XCTAssertGreaterThanOrEqual(flow.valueHistory.last!, paper.valueHistory.last! - 1e-9 * abs(paper.valueHistory.last!), "rate \(rate)")
            // Stiff, the steps shrink back to the paper's rate and the budget ends first.
            XCTAssertLessThanOrEqual(flow.convergence!.evaluations, stiff ? 121 : 40, "rate \(rate): \(flow.convergence!)")
            XCTAssertEqual(flow.convergence?.stopReason, stiff ? .evaluations : .flowTime, "rate \(rate)")
            // Every kept step raised V, except steps at the paper's rate (kept as the paper keeps them).
            if !stiff { XCTAssertTrue(zip(flow.valueHistory, flow.valueHistory.dropFirst()).allSatisfy { $1 >= $0 }) }
        }
    }

    /// The momentum flow, on a problem like class proportions: stiff early entries (rate 1.5 on
    /// curvature 1: twice the step is unstable) and slow, discounted late ones. Heavy-ball momentum
    /// at the paper's rate stays stable there and ends no lower than the paper's ascent in
    /// 1.1 x (1 - 0.75) of its evaluations.
    func testTheMomentumFlowIsStableWhereLongerStepsOvershoot() {
        let engine = DiscountedQuadratic(n: 60, gamma: 0.9)
        let start = [Double](repeating: 0, count: 60)
        var settings = OptimizerSettings(kind: .gradient, rate: 1.5, iterations: 120, bounds: Bounds(-1, 1))
        let paper = optimizeControl(engine: engine, initial: start, settings: settings)
        settings.kind = .momentumFlow
        let flow = optimizeControl(engine: engine, initial: start, settings: settings)
        XCTAssertEqual(flow.convergence?.evaluations, 34)                      // ceil(1.1 x 120 x 0.25) + the final rollout
        XCTAssertEqual(flow.convergence?.stopReason, .flowTime)
        XCTAssertGreaterThanOrEqual(flow.valueHistory.last!, paper.valueHistory.last! - 1e-9 * abs(paper.valueHistory.last!))
        XCTAssertTrue(flow.theta.allSatisfy { $0 >= -1 && $0 <= 1 })
    }

    /// No longer step that lowers V is kept, the last one (shortened to end on the flow time)
    /// included: on V = -(x - c)^2 at rate 0.45 (0.9 of the stable step) the doubled steps overshoot.
    func testTheGradientFlowKeepsNoLongerStepThatLowersV() {
        let engine = QuadraticValue(n: 1, seed: 7)
        var settings = OptimizerSettings(kind: .gradient, rate: 0.45, iterations: 5, bounds: Bounds(-10, 10))
        let paper = optimizeControl(engine: engine, initial: [0], settings: settings)
        settings.kind = .gradientFlow
        let flow = optimizeControl(engine: engine, initial: [0], settings: settings)
        XCTAssertTrue(zip(flow.valueHistory, flow.valueHistory.dropFirst()).allSatisfy { $1 >= $0 }, "\(flow.valueHistory)")
        // In so small a budget the steps taken back cost evaluations the paper's ascent spends on
        // progress: the budget ends first (the larger budgets above end no lower than the paper's).
        XCTAssertEqual(flow.convergence?.stopReason, .evaluations)
        XCTAssertGreaterThan(flow.valueHistory.last!, paper.valueHistory[1])
    }

    /// Where the discount underflows (gamma 0.001 over t = 200: gamma^t ~ 1e-600) the metric stays
    /// finite, and Adam then L-BFGS ends with a finite control no lower than Adam's whole budget.
    func testTheDiscountMetricStaysFiniteWhereTheDiscountUnderflows() throws {
        let engine = Engine(ControlProblem(dynamics: RelaxationExperiment.Model(), steps: 200, dt: 1, gamma: 0.001, eta: 1,
                                           cost: NormCost(.quadratic, beta: 0.1, norm: WeightedSquares(range: 0..<1)),
                                           map: .perStep(initialState: [0.5])))
        let metric = try XCTUnwrap(engine.discountMetric)
        XCTAssertTrue(metric.allSatisfy { $0.isFinite && $0 >= 1 })
        var settings = OptimizerSettings(kind: .adam, rate: 0.01, iterations: 100, bounds: Bounds(-1, 1), adamEpsilon: 1e-300)
        let start = [Double](repeating: 0.2, count: 200)
        let adam = optimizeControl(engine: engine, initial: start, settings: settings)
        settings.kind = .adamLBFGS
        let hybrid = optimizeControl(engine: engine, initial: start, settings: settings)
        XCTAssertTrue(hybrid.theta.allSatisfy(\.isFinite))
        XCTAssertGreaterThanOrEqual(hybrid.valueHistory.last!, adam.valueHistory.last!)
    }
}
