import XCTest
@testable import WorkbenchKit

/// The gradient check's own step choice: on a smooth V it finds the plateau between truncation and
/// round-off (better than any one fixed step), and it reports where the estimates never settle.
final class AdaptiveGradientCheckTests: XCTestCase {
    func engine(steps: Int = 200) -> (Engine<TwoLayerNetwork>, [Double]) {
        let net = TwoLayerNetwork(configuration: .init(hidden: 5, lambda: 0.01, gains1: .perNeuron, gains2: .perNeuron),
                                  task: randomTask(inputs: 4, outputs: 3, seed: 21))
        var rng = SeededGenerator(seed: 22)
        let w0 = net.randomInitialState(std: 0.3, using: &rng)
        let cost = NormCost(.exponential, beta: 0.3, norm: WeightedSquares(range: 0..<net.controlCount))
        let engine = Engine(ControlProblem(dynamics: net, steps: steps, dt: 0.05, gamma: 0.99, eta: 1,
                                           cost: cost, map: .perStep(initialState: w0)))
        var theta = [Double]()
        for _ in 0..<steps { theta += net.neutralControl.map { $0 + 0.2 * rng.normal() } }
        return (engine, theta)
    }

    func testAdaptiveStepFindsThePlateauOnASmoothValue() {
        let (engine, theta) = engine()
        let adaptive = checkGradient(engine: engine, at: theta, directions: 4, epsilon: nil)
        XCTAssertLessThan(adaptive.maxRelativeError, 1e-8)
        for d in adaptive.directions {
            XCTAssertLessThan(d.spread, 1e-7, "a smooth V's estimates settle")
            XCTAssertTrue(d.step >= 1e-2 / 4096 && d.step <= 1e-2, "step \(d.step) is on the ladder")
        }
        // A tiny fixed step is all round-off; the plateau beats it.
        let tiny = checkGradient(engine: engine, at: theta, directions: 4, epsilon: 1e-7)
        XCTAssertLessThan(adaptive.maxRelativeError, tiny.maxRelativeError)
    }
}
