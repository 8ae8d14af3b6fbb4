import XCTest
@testable import GainModulation
import WorkbenchKit

final class NonLinearTests: XCTestCase {
    /// Statistics of random samples with non-zero input and output means, so every term of the
    /// Taylor-approximated loss (my f^T, the m m^T corrections, tanh curvature) is exercised.
    func skewedTask(seed: UInt64) -> TaskStatistics {
        var rng = SeededGenerator(seed: seed)
        let (i, o, n) = (3, 2, 50)
        var sx = [Double](repeating: 0, count: i * i), sxy = [Double](repeating: 0, count: i * o)
        var sy = [Double](repeating: 0, count: o * o), mx = [Double](repeating: 0, count: i), my = [Double](repeating: 0, count: o)
        for _ in 0..<n {
            let x = (0..<i).map { _ in 0.8 + rng.normal() }, y = (0..<o).map { _ in -0.5 + rng.normal() }
            for a in 0..<i {
                mx[a] += x[a] / Double(n)
                for b in 0..<i { sx[a * i + b] += x[a] * x[b] / Double(n) }
                for b in 0..<o { sxy[a * o + b] += x[a] * y[b] / Double(n) }
            }
            for a in 0..<o { my[a] += y[a] / Double(n); for b in 0..<o { sy[a * o + b] += y[a] * y[b] / Double(n) } }
        }
        return TaskStatistics(inputCount: i, outputCount: o, sx: sx, sxy: sxy, sy: sy, meanX: mx, meanY: my)
    }

    /// The drift is minus the exact gradient of the approximate loss (through the gains).
    func testDriftIsGradientFlowOnApproximateLoss() {
        let net = TanhNetwork(task: skewedTask(seed: 1), hidden: 4, lambda: 0.03)
        var rng = SeededGenerator(seed: 2)
        let w = (0..<net.stateCount).map { _ in 0.6 * rng.normal() }
        let g = (0..<net.controlCount).map { _ in 0.3 * rng.normal() }
        let ws = net.makeWorkspace()
        var drift = [Double](repeating: 0, count: net.stateCount)
        _ = net.evaluate(step: 0, state: w, control: g, drift: &drift, workspace: ws)
        let eps = 1e-6
        for k in 0..<net.stateCount {
            var wp = w, wm = w
            wp[k] += eps; wm[k] -= eps
            let fd = (net.evaluate(step: 0, state: wp, control: g, drift: nil, workspace: ws)
                      - net.evaluate(step: 0, state: wm, control: g, drift: nil, workspace: ws)) / (2 * eps)
            XCTAssertEqual(drift[k], -fd, accuracy: 1e-7 * max(1, abs(fd)), "entry \(k)")
        }
    }

    func testAdjointMatchesFiniteDifferences() {
        let net = TanhNetwork(task: skewedTask(seed: 3), hidden: 4, lambda: 0.02)
        var rng = SeededGenerator(seed: 4)
        let w0 = (0..<net.stateCount).map { _ in 0.5 * rng.normal() }
        let steps = 15
        let engine = Engine(ControlProblem(dynamics: net, steps: steps, dt: 0.05, gamma: 0.9, eta: 1.2,
                                           cost: NormCost(.exponential, beta: 0.3, norm: WeightedSquares(range: 0..<net.controlCount)),
                                           map: .perStep(initialState: w0)))
        let theta = (0..<(steps * net.controlCount)).map { _ in 0.2 * rng.normal() }
        XCTAssertLessThan(checkGradient(engine: engine, at: theta, directions: 6).maxRelativeError, 1e-6)
    }

    func testExperimentGradient() throws {
        let e = NonLinearExperiment()
        let p = try e.resolve(preset: "quick", overrides: [("steps", "50"), ("learning_rate", "0.05"), ("init_std", "0.3")])
        let run = try e.prepare(p, context: RunContext(seed: 1, mnistDirectory: nil))
        let theta = run.initialControl.map { $0 * 10 }
        XCTAssertLessThan(checkGradient(engine: run.engine, at: theta).maxRelativeError, 1e-5)
    }

    /// Fig. 20: the approximate dynamics follow SGD on the real tanh network early in learning, and
    /// the gains found on the approximation also raise the value of the real network's SGD run.
    func testApproximationTracksSGDAndControlHelpsInSimulation() throws {
        let run = try runExperiment(NonLinearExperiment(), options: RunOptions(preset: "quick"))
        XCTAssertGreaterThan(run.valueControl, run.valueBaseline)
        let ode = run.column("loss_baseline")!, sgd = run.column("sgd_loss_mean_baseline")!
        let n = ode.count, window = n / 20
        for start in stride(from: 0, to: n / 4, by: window) {
            let a = ode[start..<(start + window)].reduce(0, +) / Double(window)
            let b = sgd[start..<(start + window)].reduce(0, +) / Double(window)
            XCTAssertEqual(a, b, accuracy: 0.05 * a + 0.02, "window at step \(start)")
        }
        // V of the simulated runs: sum dt gamma^t (-eta L_sgd - C(g)).
        let p = run.parameters
        let dt = p.double("learning_rate"), gamma = p.double("gamma")
        func simulatedValue(_ suffix: String) -> Double {
            let l = run.column("sgd_loss_mean_" + suffix)!, c = run.column("cost_" + suffix)!
            return (0..<l.count).reduce(0) { $0 + dt * pow(gamma, Double($1) * dt) * (-l[$1] - c[$1]) }
        }
        XCTAssertGreaterThan(simulatedValue("control"), simulatedValue("baseline"))
        XCTAssertEqual(run.extra["sgd_value_control"] as! Double, simulatedValue("control"), accuracy: 1e-9)
        XCTAssertEqual(run.extra["sgd_value_baseline"] as! Double, simulatedValue("baseline"), accuracy: 1e-9)
    }
}
