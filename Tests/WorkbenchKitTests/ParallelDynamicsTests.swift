import XCTest
@testable import WorkbenchKit

final class ParallelDynamicsTests: XCTestCase {
    func makeNets(learningRate: Bool) -> [TwoLayerNetwork] {
        (0..<3).map { k in
            TwoLayerNetwork(configuration: .init(hidden: 3, lambda: 0.01, learningRate: learningRate),
                            task: randomTask(inputs: 4, outputs: 2, seed: 30 + UInt64(k)))
        }
    }

    /// MAML's use: theta = one initial state tiled over the copies; dV/dw0 = summed lambda_0.
    func testInitialStateGradientOfAveragedCopies() {
        let nets = makeNets(learningRate: false)
        let model = ParallelDynamics(copies: nets, firstScoredStep: 1)
        var rng = SeededGenerator(seed: 5)
        let theta = nets[0].randomInitialState(std: 0.4, using: &rng)
        let engine = Engine(ControlProblem(dynamics: model, steps: 12, dt: 0.05, gamma: 1, eta: 1,
                                           cost: ZeroCost(), map: .initialState(copies: 3, controls: [])))
        XCTAssertLessThan(checkGradient(engine: engine, at: theta, directions: 6).maxRelativeError, 1e-6)
        // The first step is not scored; the others are the mean of the copies' losses.
        let v = engine.value(theta)
        XCTAssertEqual(engine.losses[0], 0)
        var expected = 0.0
        for net in nets {
            let single = Engine(ControlProblem(dynamics: net, steps: 12, dt: 0.05, gamma: 1, eta: 1,
                                               cost: ZeroCost(), map: .initialState(copies: 1, controls: [])))
            _ = single.value(theta)
            expected += single.losses[1...].reduce(0, +) * 0.05 / 3
        }
        XCTAssertEqual(v, -expected, accuracy: 1e-12)
    }

    /// A shared per-step control receives the sum of every copy's contribution.
    func testSharedControlGradient() {
        let nets = makeNets(learningRate: true)
        let model = ParallelDynamics(copies: nets)
        var rng = SeededGenerator(seed: 6)
        var w0: [Double] = []
        for net in nets { w0 += net.randomInitialState(std: 0.4, using: &rng) }
        let steps = 10
        let engine = Engine(ControlProblem(dynamics: model, steps: steps, dt: 0.05, gamma: 0.9, eta: 1,
                                           cost: ZeroCost(), map: .perStep(initialState: w0)))
        let theta = (0..<steps).map { _ in 0.3 * rng.normal() }
        XCTAssertLessThan(checkGradient(engine: engine, at: theta, directions: 6).maxRelativeError, 1e-6)
    }
}
