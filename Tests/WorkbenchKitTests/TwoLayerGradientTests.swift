import XCTest
@testable import WorkbenchKit

/// Random but valid statistics (Sx positive definite) for gradient checks.
func randomTask(inputs: Int, outputs: Int, seed: UInt64) -> TaskStatistics {
    var rng = SeededGenerator(seed: seed)
    let n = 40
    var sx = [Double](repeating: 0, count: inputs * inputs)
    var sxy = [Double](repeating: 0, count: inputs * outputs)
    var sy = [Double](repeating: 0, count: outputs * outputs)
    var mx = [Double](repeating: 0, count: inputs), my = [Double](repeating: 0, count: outputs)
    for _ in 0..<n {
        let x = (0..<inputs).map { _ in rng.normal() }
        let y = (0..<outputs).map { _ in rng.normal() }
        for a in 0..<inputs {
            mx[a] += x[a] / Double(n)
            for b in 0..<inputs { sx[a * inputs + b] += x[a] * x[b] / Double(n) }
            for b in 0..<outputs { sxy[a * outputs + b] += x[a] * y[b] / Double(n) }
        }
        for a in 0..<outputs {
            my[a] += y[a] / Double(n)
            for b in 0..<outputs { sy[a * outputs + b] += y[a] * y[b] / Double(n) }
        }
    }
    return TaskStatistics(inputCount: inputs, outputCount: outputs, sx: sx, sxy: sxy, sy: sy, meanX: mx, meanY: my)
}

final class TwoLayerGradientTests: XCTestCase {
    func check(_ cfg: TwoLayerNetwork.Configuration, tasks: Int = 1, file: StaticString = #filePath, line: UInt = #line) {
        let ts = (0..<tasks).map { randomTask(inputs: 4, outputs: 3, seed: 10 + UInt64($0)) }
        let net = TwoLayerNetwork(configuration: cfg, tasks: ts, switchEvery: tasks > 1 ? 7 : 0)
        var rng = SeededGenerator(seed: 3)
        let w0 = net.randomInitialState(std: 0.3, using: &rng)
        let steps = 20
        let cost = NormCost(.exponential, beta: 0.3, norm: WeightedSquares(range: 0..<net.controlCount))
        let engine = Engine(ControlProblem(dynamics: net, steps: steps, dt: 0.05, gamma: 0.9, eta: 1.3,
                                           cost: cost, map: .perStep(initialState: w0)))
        var theta = [Double]()
        for _ in 0..<steps { theta += net.neutralControl.map { $0 + 0.2 * rng.normal() } }
        let report = checkGradient(engine: engine, at: theta, directions: 6)
        XCTAssertLessThan(report.maxRelativeError, 1e-6, "\(cfg)", file: file, line: line)
    }

    func testBaselineNetworkGradientWithRespectToWeightsViaInitialState() {
        let ts = randomTask(inputs: 4, outputs: 3, seed: 1)
        let net = TwoLayerNetwork(configuration: .init(hidden: 5, lambda: 0.1, outputNoise: 0.2), task: ts)
        var rng = SeededGenerator(seed: 5)
        let w0 = net.randomInitialState(std: 0.3, using: &rng)
        let engine = Engine(ControlProblem(dynamics: net, steps: 15, dt: 0.05, gamma: 1, eta: 1,
                                           cost: ZeroCost(), map: .initialState(copies: 1, controls: [])))
        let report = checkGradient(engine: engine, at: w0, directions: 6)
        XCTAssertLessThan(report.maxRelativeError, 1e-6)
    }

    func testGainsPerSynapse() { check(.init(hidden: 5, lambda: 0.01, gains1: .perSynapse, gains2: .perSynapse)) }
    func testGainsPerNeuron() { check(.init(hidden: 5, lambda: 0.01, gains1: .perNeuron, gains2: .perNeuron)) }
    func testSecondLayerOnlyNeuronBasis() { check(.init(hidden: 5, lambda: 0.0, gains2: .perNeuron)) }
    func testLinearEngagement() { check(.init(hidden: 5, lambda: 0.0, weighting: .linear(groupOfOutput: [0, 1, 1]))) }
    func testSquaredCategoryEngagement() { check(.init(hidden: 5, lambda: 0.02, weighting: .squared)) }
    func testLearningRateFactor() { check(.init(hidden: 5, lambda: 0.05, learningRate: true)) }
    func testEverythingAtOnceWithTaskSwitch() {
        check(.init(hidden: 5, lambda: 0.05, outputNoise: 0.1, gains1: .perSynapse, gains2: .perNeuron,
                    weighting: .squared, learningRate: true), tasks: 2)
    }

    /// The engine uses the taped pullback (E kept from evaluate); the plain one recomputes E and
    /// must give the same vector-Jacobian products, weighted or not.
    func testTapedPullbackMatchesPlainPullback() {
        for weighting in [TwoLayerNetwork.OutputWeighting.none, .squared, .linear(groupOfOutput: [0, 1, 1])] {
            let net = TwoLayerNetwork(configuration: .init(hidden: 5, lambda: 0.03, gains1: .perSynapse, gains2: .perNeuron,
                                                           weighting: weighting), task: randomTask(inputs: 4, outputs: 3, seed: 4))
            var rng = SeededGenerator(seed: 8)
            let w = net.randomInitialState(std: 0.3, using: &rng)
            let g = net.neutralControl.map { $0 + 0.2 * rng.normal() }
            let adjoint = (0..<net.stateCount).map { _ in rng.normal() }
            let ws = net.makeWorkspace()
            var tape = [Double](repeating: 0, count: net.tapeCount), drift = [Double](repeating: 0, count: net.stateCount)
            _ = net.evaluate(step: 0, state: w, control: g, drift: &drift, tape: &tape, workspace: ws)
            var plainW = [Double](repeating: 0, count: net.stateCount), plainG = [Double](repeating: 0, count: net.controlCount)
            var tapedW = plainW, tapedG = plainG
            net.pullback(step: 0, state: w, control: g, driftAdjoint: adjoint, lossWeight: 0.7,
                         stateBar: &plainW, controlBar: &plainG, workspace: ws)
            net.pullback(step: 0, state: w, control: g, driftAdjoint: adjoint, lossWeight: 0.7,
                         stateBar: &tapedW, controlBar: &tapedG, tape: tape, workspace: ws)
            for (x, y) in zip(plainW + plainG, tapedW + tapedG) { XCTAssertEqual(x, y, accuracy: 1e-12 * max(1, abs(x)), "\(weighting)") }
        }
    }

    /// Independent input blocks (concatenated tasks): the structured product with Sx must give the
    /// dense one's loss, drift and vector-Jacobian products.
    func testIndependentInputBlocksMatchDenseSx() {
        let parts = [randomTask(inputs: 5, outputs: 2, seed: 21), randomTask(inputs: 3, outputs: 1, seed: 22)]
        let ranges = [0..<5, 5..<8]
        var sx = [Double](repeating: 0, count: 64), sxy = [Double](repeating: 0, count: 24)
        let mx = parts.flatMap(\.meanX), my = parts.flatMap(\.meanY)
        for a in 0..<8 { for b in 0..<8 { sx[a * 8 + b] = mx[a] * mx[b] } }
        for (k, r) in ranges.enumerated() {
            for a in r { for b in r { sx[a * 8 + b] = parts[k].sx[(a - r.lowerBound) * r.count + (b - r.lowerBound)] } }
        }
        for a in 0..<8 { for b in 0..<3 { sxy[a * 3 + b] = mx[a] * my[b] } }
        var blocked = TaskStatistics(inputCount: 8, outputCount: 3, sx: sx, sxy: sxy,
                                     sy: (0..<9).map { Double($0 % 4 == 0 ? 1 : 0) }, meanX: mx, meanY: my)
        let dense = blocked
        blocked.independentInputBlocks = ranges
        let cfg = TwoLayerNetwork.Configuration(hidden: 4, lambda: 0.01, weighting: .linear(groupOfOutput: [0, 0, 1]))
        let a = TwoLayerNetwork(configuration: cfg, task: blocked), b = TwoLayerNetwork(configuration: cfg, task: dense)
        var rng = SeededGenerator(seed: 9)
        let w = a.randomInitialState(std: 0.4, using: &rng)
        let g = a.neutralControl.map { $0 + 0.3 * rng.normal() }
        let adjoint = (0..<a.stateCount).map { _ in rng.normal() }
        var outputs: [[Double]] = []
        for net in [a, b] {
            let ws = net.makeWorkspace()
            var drift = [Double](repeating: 0, count: net.stateCount)
            let loss = net.evaluate(step: 0, state: w, control: g, drift: &drift, workspace: ws)
            var wBar = [Double](repeating: 0, count: net.stateCount), gBar = [Double](repeating: 0, count: net.controlCount)
            net.pullback(step: 0, state: w, control: g, driftAdjoint: adjoint, lossWeight: 0.6,
                         stateBar: &wBar, controlBar: &gBar, workspace: ws)
            outputs.append([loss] + drift + wBar + gBar)
        }
        for (x, y) in zip(outputs[0], outputs[1]) { XCTAssertEqual(x, y, accuracy: 1e-12 * max(1, abs(y))) }
    }

    /// With no control the drift is exactly minus the loss gradient (gradient flow), so one tiny
    /// Euler step lowers the loss by dt |f|^2 to first order.
    func testDriftIsNegativeLossGradient() {
        let ts = randomTask(inputs: 3, outputs: 2, seed: 2)
        let net = TwoLayerNetwork(configuration: .init(hidden: 4, lambda: 0.1), task: ts)
        var rng = SeededGenerator(seed: 9)
        var w = net.randomInitialState(std: 0.5, using: &rng)
        let ws = net.makeWorkspace()
        var f = [Double](repeating: 0, count: net.stateCount)
        let g = [0.0]
        let l0 = net.evaluate(step: 0, state: w, control: g, drift: &f, workspace: ws)
        let dt = 1e-6
        for k in w.indices { w[k] += dt * f[k] }
        let l1 = net.evaluate(step: 0, state: w, control: g, drift: nil, workspace: ws)
        let expected = -dt * f.reduce(0) { $0 + $1 * $1 }
        XCTAssertEqual((l1 - l0) / expected, 1, accuracy: 1e-4)
    }
}

/// The fused ascent step (update inside the adjoint sweep) equals gradient-then-update.
final class FusedAscentTests: XCTestCase {
    func testFusedAscentMatchesGradientThenClampedUpdate() {
        let ts = randomTask(inputs: 4, outputs: 3, seed: 21)
        let net = TwoLayerNetwork(configuration: .init(hidden: 5, lambda: 0.05, gains1: .perSynapse, gains2: .perNeuron,
                                                       weighting: .squared), task: ts)
        var rng = SeededGenerator(seed: 8)
        let w0 = net.randomInitialState(std: 0.3, using: &rng)
        let steps = 30
        let engine = Engine(ControlProblem(dynamics: net, steps: steps, dt: 0.05, gamma: 0.9, eta: 1,
                                           cost: NormCost(.exponential, beta: 0.3, norm: WeightedSquares(range: 0..<net.controlCount)),
                                           map: .perStep(initialState: w0)))
        let theta = (0..<(steps * net.controlCount)).map { _ in 0.3 * rng.normal() }
        let bounds = Bounds(lower: (0..<net.controlCount).map { _ in -0.2 }, upper: (0..<net.controlCount).map { Double($0 % 3) * 0.1 + 0.1 })
        var gradient = [Double]()
        let v0 = engine.valueAndGradient(theta, gradient: &gradient)
        var expected = zip(theta, gradient).map { $0 + 0.7 * $1 }
        bounds.clamp(&expected)
        var fused = theta
        let v1 = engine.ascend(&fused, rate: 0.7, bounds: bounds)
        XCTAssertEqual(v0, v1)
        XCTAssertEqual(fused, expected)
    }
}
