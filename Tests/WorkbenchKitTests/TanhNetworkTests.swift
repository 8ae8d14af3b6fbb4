import Foundation
import XCTest
@testable import WorkbenchKit

/// `TanhNetwork` (App. I): the Taylor-approximated tanh network, its gains and output weighting.
final class TanhNetworkTests: XCTestCase {
    /// Statistics of random samples with non-zero input and output means, so every term of the
    /// Taylor-approximated loss (my f^T, the m m^T corrections, tanh curvature) is exercised.
    static func skewedTask(seed: UInt64) -> TaskStatistics {
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
        let net = TanhNetwork(task: Self.skewedTask(seed: 1), hidden: 4, lambda: 0.03)
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
        let net = TanhNetwork(task: Self.skewedTask(seed: 3), hidden: 4, lambda: 0.02)
        var rng = SeededGenerator(seed: 4)
        let w0 = (0..<net.stateCount).map { _ in 0.5 * rng.normal() }
        let steps = 15
        let engine = Engine(ControlProblem(dynamics: net, steps: steps, dt: 0.05, gamma: 0.9, eta: 1.2,
                                           cost: NormCost(.exponential, beta: 0.3, norm: WeightedSquares(range: 0..<net.controlCount)),
                                           map: .perStep(initialState: w0)))
        let theta = (0..<(steps * net.controlCount)).map { _ in 0.2 * rng.normal() }
        XCTAssertLessThan(checkGradient(engine: engine, at: theta, directions: 6).maxRelativeError, 1e-6)
    }

    /// Output weighting d_o = phi_o^2 with and without gains: adjoint (including dV/dphi through
    /// the drift's dependence on d) against finite differences.
    func testWeightedAdjointMatchesFiniteDifferences() {
        for gains in [false, true] {
            let net = TanhNetwork(task: Self.skewedTask(seed: 5), hidden: 3, lambda: 0.01, gains: gains, weighting: .squared)
            XCTAssertEqual(net.controlCount, (gains ? net.stateCount : 0) + net.outputs)
            var rng = SeededGenerator(seed: 6)
            let w0 = (0..<net.stateCount).map { _ in 0.5 * rng.normal() }
            let steps = 12
            let range = net.weightingRange, c = Double(range.count)
            let engine = Engine(ControlProblem(dynamics: net, steps: steps, dt: 0.05, gamma: 0.9, eta: 1.1,
                                               cost: NormCost(.sizeConstraint(size: c, normalizer: c), beta: 0.7,
                                                              norm: WeightedSquares(range: range)),
                                               map: .perStep(initialState: w0)))
            let neutral = net.neutralControl
            let theta = (0..<(steps * net.controlCount)).map { neutral[$0 % net.controlCount] + 0.3 * rng.normal() }
            XCTAssertLessThan(checkGradient(engine: engine, at: theta, directions: 6).maxRelativeError, 1e-6, "gains \(gains)")
        }
    }

    /// phi = 1 is the unweighted network; phi scales output o's pull on W2's row o by phi_o^2.
    func testNeutralWeightingIsUnweightedAndScalesRows() {
        let task = Self.skewedTask(seed: 7)
        let plain = TanhNetwork(task: task, hidden: 4, lambda: 0.02, gains: false)
        let weighted = TanhNetwork(task: task, hidden: 4, lambda: 0, gains: false, weighting: .squared)
        let unreg = TanhNetwork(task: task, hidden: 4, lambda: 0, gains: false)
        XCTAssertEqual(plain.controlCount, 0)
        var rng = SeededGenerator(seed: 8)
        let w = (0..<plain.stateCount).map { _ in 0.4 * rng.normal() }
        var f0 = [Double](repeating: 0, count: plain.stateCount), f1 = f0, f2 = f0
        let none = [0.0]
        let l0 = unreg.evaluate(step: 0, state: w, control: none, drift: &f0, workspace: unreg.makeWorkspace())
        let l1 = weighted.evaluate(step: 0, state: w, control: [1, 1], drift: &f1, workspace: weighted.makeWorkspace())
        XCTAssertEqual(l0, l1, accuracy: 1e-14)
        for k in f0.indices { XCTAssertEqual(f0[k], f1[k], accuracy: 1e-13) }
        let l2 = weighted.evaluate(step: 0, state: w, control: [2, 0.5], drift: &f2, workspace: weighted.makeWorkspace())
        XCTAssertEqual(l2, l0, accuracy: 1e-14, "the loss in V is unweighted")
        let hi = plain.hidden * plain.inputs, h = plain.hidden
        for s in 0..<h {
            XCTAssertEqual(f2[hi + s], 4 * f0[hi + s], accuracy: 1e-12)
            XCTAssertEqual(f2[hi + h + s], 0.25 * f0[hi + h + s], accuracy: 1e-12)
        }
    }

    /// The SGD gradient of the real tanh network with weighting, against finite differences of
    /// the weighted batch loss 1/2B sum_o phi_o^2 |r_o|^2.
    func testWeightedSGDGradient() {
        let net = TanhNetwork(task: Self.skewedTask(seed: 9), hidden: 3, lambda: 0.05, gains: true, weighting: .squared)
        var rng = SeededGenerator(seed: 10)
        let batch = 5, (i, o) = (net.inputs, net.outputs)
        let x = (0..<(batch * i)).map { _ in rng.normal() }, y = (0..<(batch * o)).map { _ in rng.normal() }
        let w = (0..<net.stateCount).map { _ in 0.5 * rng.normal() }
        var g = (0..<net.controlCount).map { _ in 0.2 * rng.normal() }
        for r in 0..<o { g[net.weightingRange.lowerBound + r] = 0.7 + 0.5 * Double(r) }
        let ws = net.makeSGDWorkspace(batch: batch)
        var grad = [Double](repeating: 0, count: net.stateCount)
        _ = net.batchLossAndGradient(step: 0, state: w, control: g, x: x, y: y, batch: batch, gradient: &grad,
                                     noise: &rng, workspace: ws)
        func weightedLoss(_ w: [Double]) -> Double {
            var out = [Double](repeating: 0, count: batch * o)
            predict(w, g, x, batch, &out)
            var total = 0.0
            for k in out.indices {
                let phi = g[net.weightingRange.lowerBound + k % o], r = out[k] - y[k]
                total += phi * phi * r * r
            }
            return 0.5 * total / Double(batch) + 0.5 * net.lambda * w.reduce(0) { $0 + $1 * $1 }
        }
        func predict(_ w: [Double], _ g: [Double], _ x: [Double], _ batch: Int, _ out: inout [Double]) {
            let h = net.hidden, hi = h * i
            for b in 0..<batch {
                let hid = (0..<h).map { r in tanh((0..<i).reduce(0) { $0 + w[r * i + $1] * (1 + g[r * i + $1]) * x[b * i + $1] }) }
                for s in 0..<o { out[b * o + s] = (0..<h).reduce(0) { $0 + w[hi + s * h + $1] * (1 + g[hi + s * h + $1]) * hid[$1] } }
            }
        }
        let eps = 1e-6
        for k in 0..<net.stateCount {
            var wp = w, wm = w
            wp[k] += eps; wm[k] -= eps
            let fd = (weightedLoss(wp) - weightedLoss(wm)) / (2 * eps)
            XCTAssertEqual(grad[k], fd, accuracy: 1e-6 * max(1, abs(fd)), "entry \(k)")
        }
    }

    /// Without gains the control is only the engagement phi (no gain block): SGD must read only
    /// that (it once read gains past the end of the control) and equal the gains-on network at G = 0.
    func testSGDWithoutGainsReadsOnlyEngagement() {
        let task = Self.skewedTask(seed: 11)
        let plain = TanhNetwork(task: task, hidden: 3, lambda: 0.02, gains: false, weighting: .squared)
        let gained = TanhNetwork(task: task, hidden: 3, lambda: 0.02, gains: true, weighting: .squared)
        XCTAssertEqual(plain.controlCount, plain.outputs)
        var rng = SeededGenerator(seed: 12)
        let batch = 4
        let x = (0..<(batch * plain.inputs)).map { _ in rng.normal() }, y = (0..<(batch * plain.outputs)).map { _ in rng.normal() }
        let w = (0..<plain.stateCount).map { _ in 0.5 * rng.normal() }
        let phi = (0..<plain.outputs).map { 0.6 + 0.3 * Double($0) }
        var full = [Double](repeating: 0, count: gained.controlCount)
        for r in 0..<phi.count { full[gained.weightingRange.lowerBound + r] = phi[r] }
        var g1 = [Double](repeating: 0, count: plain.stateCount), g2 = g1
        let l1 = plain.batchLossAndGradient(step: 0, state: w, control: phi, x: x, y: y, batch: batch, gradient: &g1,
                                            noise: &rng, workspace: plain.makeSGDWorkspace(batch: batch))
        let l2 = gained.batchLossAndGradient(step: 0, state: w, control: full, x: x, y: y, batch: batch, gradient: &g2,
                                             noise: &rng, workspace: gained.makeSGDWorkspace(batch: batch))
        XCTAssertEqual(l1, l2, accuracy: 1e-12)
        for k in g1.indices { XCTAssertEqual(g1[k], g2[k], accuracy: 1e-12, "entry \(k)") }
    }
}
