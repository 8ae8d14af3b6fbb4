import XCTest
@testable import LearningRule
import WorkbenchKit

final class LearningRuleTests: XCTestCase {
    /// Random statistics with a non-diagonal Sx, so eq. 37's exact average is exercised.
    func randomTask(seed: UInt64) -> TaskStatistics {
        var rng = SeededGenerator(seed: seed)
        let (i, o, n) = (4, 3, 40)
        var sx = [Double](repeating: 0, count: i * i), sxy = [Double](repeating: 0, count: i * o)
        var sy = [Double](repeating: 0, count: o * o)
        for _ in 0..<n {
            let x = (0..<i).map { _ in rng.normal() }, y = (0..<o).map { _ in rng.normal() }
            for a in 0..<i {
                for b in 0..<i { sx[a * i + b] += (x[a] * x[b] + 0.3 * x[a] * x[(b + 1) % i]) / Double(n) }
                for b in 0..<o { sxy[a * o + b] += x[a] * y[b] / Double(n) }
            }
            for a in 0..<o { for b in 0..<o { sy[a * o + b] += y[a] * y[b] / Double(n) } }
        }
        for a in 0..<i { for b in 0..<a { let s = (sx[a * i + b] + sx[b * i + a]) / 2; sx[a * i + b] = s; sx[b * i + a] = s } }
        return TaskStatistics(inputCount: i, outputCount: o, sx: sx, sxy: sxy, sy: sy,
                              meanX: [Double](repeating: 0, count: i), meanY: [Double](repeating: 0, count: o))
    }

    /// Exact adjoint on both Hebbian branches (eta_r kept away from the kink at 0).
    func testAdjointMatchesFiniteDifferencesOnBothBranches() {
        let net = RuleFamilyNetwork(task: randomTask(seed: 1), hidden: 3)
        var rng = SeededGenerator(seed: 2)
        let w0 = (0..<net.stateCount).map { _ in 0.5 * rng.normal() }
        let steps = 20
        let engine = Engine(ControlProblem(dynamics: net, steps: steps, dt: 0.05, gamma: 0.9, eta: 1,
                                           cost: ZeroCost(), map: .perStep(initialState: w0)))
        for sign in [1.0, -1.0] {
            var theta: [Double] = []
            for _ in 0..<steps { theta += [0.5 * rng.normal(), sign * (0.05 + 0.1 * rng.uniform())] }
            XCTAssertLessThan(checkGradient(engine: engine, at: theta, directions: 6).maxRelativeError, 1e-6, "sign \(sign)")
        }
    }

    /// The printed eqs. 34/37 (Hebbian term without alpha: scale 1/dt) keep the exact adjoint.
    func testAdjointWithThePrintedHebbianRate() {
        let dt = 0.05
        let net = RuleFamilyNetwork(task: randomTask(seed: 7), hidden: 3, hebbianScale: 1 / dt)
        var rng = SeededGenerator(seed: 8)
        let w0 = (0..<net.stateCount).map { _ in 0.5 * rng.normal() }
        let steps = 20
        let engine = Engine(ControlProblem(dynamics: net, steps: steps, dt: dt, gamma: 0.9, eta: 1,
                                           cost: ZeroCost(), map: .perStep(initialState: w0)))
        for sign in [1.0, -1.0] {
            var theta: [Double] = []
            for _ in 0..<steps { theta += [0.5 * rng.normal(), sign * (0.002 + 0.004 * rng.uniform())] }
            XCTAssertLessThan(checkGradient(engine: engine, at: theta, directions: 6).maxRelativeError, 1e-6, "sign \(sign)")
        }
    }

    /// Mixed signs of eta_r along the trajectory, and the rule is continuous through eta_r = 0.
    func testMixedBranchesAndContinuityAtZero() {
        let net = RuleFamilyNetwork(task: randomTask(seed: 3), hidden: 3)
        var rng = SeededGenerator(seed: 4)
        let w = (0..<net.stateCount).map { _ in 0.5 * rng.normal() }
        let ws = net.makeWorkspace()
        var f0 = [Double](repeating: 0, count: net.stateCount), fp = f0, fm = f0
        _ = net.evaluate(step: 0, state: w, control: [0.3, 0], drift: &f0, workspace: ws)
        _ = net.evaluate(step: 0, state: w, control: [0.3, 1e-9], drift: &fp, workspace: ws)
        _ = net.evaluate(step: 0, state: w, control: [0.3, -1e-9], drift: &fm, workspace: ws)
        for k in f0.indices { XCTAssertEqual(fp[k], f0[k], accuracy: 1e-8); XCTAssertEqual(fm[k], f0[k], accuracy: 1e-8) }
        let steps = 16
        let engine = Engine(ControlProblem(dynamics: net, steps: steps, dt: 0.05, gamma: 1, eta: 1,
                                           cost: ZeroCost(), map: .perStep(initialState: w)))
        var theta: [Double] = []
        for s in 0..<steps { theta += [0.3 * rng.normal(), (s % 2 == 0 ? 1 : -1) * (0.05 + 0.1 * rng.uniform())] }
        XCTAssertLessThan(checkGradient(engine: engine, at: theta, directions: 6).maxRelativeError, 1e-5)
    }

    /// At eta_r = 0 the reported derivative is a one-sided one pointing into the side it claims:
    /// a small ascent step along it increases V.
    func testKinkDerivativeIsAnAscentDirection() {
        let net = RuleFamilyNetwork(task: randomTask(seed: 5), hidden: 3)
        var rng = SeededGenerator(seed: 6)
        let w0 = (0..<net.stateCount).map { _ in 0.4 * rng.normal() }
        let steps = 12
        let engine = Engine(ControlProblem(dynamics: net, steps: steps, dt: 0.05, gamma: 1, eta: 1,
                                           cost: ZeroCost(), map: .perStep(initialState: w0)))
        var theta: [Double] = []
        for _ in 0..<steps { theta += [0.2 * rng.normal(), 0] }
        var grad = [Double](repeating: 0, count: theta.count)
        let v0 = engine.valueAndGradient(theta, gradient: &grad)
        for s in 0..<(steps - 1) where grad[2 * s + 1] != 0 {
            var t = theta
            let h = 1e-4 * (grad[2 * s + 1] > 0 ? 1.0 : -1.0)
            t[2 * s + 1] += h
            let slope = (engine.value(t) - v0) / h
            XCTAssertEqual(slope, grad[2 * s + 1], accuracy: 1e-3 * abs(grad[2 * s + 1]) + 1e-9, "step \(s)")
        }
    }

    func testExperimentGradient() throws {
        let e = LearningRuleExperiment()
        let p = try e.resolve(preset: "quick", overrides: [("steps", "60"), ("learning_rate", "0.05"), ("init_std", "0.3")])
        let run = try e.prepare(p, context: RunContext(seed: 1, mnistDirectory: nil))
        var rng = SeededGenerator(seed: 9)
        let theta = run.initialControl.enumerated().map { $0.offset % 2 == 0 ? 0.5 * rng.normal() : 0.05 + 0.1 * rng.uniform() }
        XCTAssertLessThan(checkGradient(engine: run.engine, at: theta).maxRelativeError, 1e-5)
    }

    /// Fig. 9: starting from gradient descent, the optimized rule learns faster (V improves) and
    /// settles in the upper-right corner of the rule plane, a mix of contrastive Hebbian and Hebbian.
    func testOptimizedRuleIsContrastiveHebbianPlusHebbian() throws {
        let run = try runExperiment(LearningRuleExperiment(), options: RunOptions(preset: "quick"))
        XCTAssertGreaterThan(run.valueControl, run.valueBaseline)
        let mean = run.extra["rule_mean"] as! [String: Double]
        XCTAssertGreaterThan(mean["feedback"]!, 0.5)
        XCTAssertGreaterThan(mean["hebbian"]!, 0.1)
        XCTAssertEqual(run.extra["regime"] as? String, "CH+H")
    }
}
