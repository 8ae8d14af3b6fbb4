import XCTest
@testable import WorkbenchKit

/// Figs. 13-15, 20: the traced weights are those that change most over the baseline.
final class TracedWeightsTests: XCTestCase {
    func testChoosesLargestChangePerLayerLargestFirst() {
        // n = 5 weights: W1 = entries 0..<3, W2 = 3..<5.
        let start: [Double] = [0, 1, 0, 0, 0]
        let end: [Double] = [0.1, -2, 0.5, 0.3, -0.4]
        let selection = TracedWeights(count: 2, first: start, last: end, split: 3)
        XCTAssertEqual(selection.layer1, [1, 2])   // |change| 3, 0.5 (entry 0: 0.1)
        XCTAssertEqual(selection.layer2, [1, 0])   // |change| 0.4, 0.3
    }

    /// The control's columns trace the weights the baseline moved most, whatever the control moved.
    func testControlColumnsTraceTheBaselinesChoice() {
        let net = TwoLayerNetwork(configuration: .init(hidden: 3, lambda: 0.01, gains1: .perSynapse, gains2: .perSynapse),
                                  task: randomTask(inputs: 4, outputs: 2, seed: 5))
        var rng = SeededGenerator(seed: 9)
        let w0 = net.randomInitialState(std: 0.3, using: &rng)
        let steps = 30
        let engine = Engine(ControlProblem(dynamics: net, steps: steps, dt: 0.1, gamma: 0.95, eta: 1, cost: ZeroCost(),
                                           map: .perStep(initialState: w0)))
        let baseline = engine.rollout([Double](repeating: 0, count: steps * net.controlCount))
        let control = engine.rollout((0..<(steps * net.controlCount)).map { _ in 0.5 * rng.normal() })
        let chosen = TracedWeights(count: 2, baseline: baseline, split: net.hidden * net.inputs)
        XCTAssertNotEqual(chosen, TracedWeights(count: 2, baseline: control, split: net.hidden * net.inputs),
                          "the test needs a control that moves other weights most")
        let names = TwoLayerColumns.describe(net, trajectory: control, baseline: baseline, traced: 2).map(\.name)
        XCTAssertEqual(names.filter { $0.hasPrefix("w1_") }, chosen.layer1.map { "w1_\($0)" })
        XCTAssertEqual(names.filter { $0.hasPrefix("w2_") }, chosen.layer2.map { "w2_\($0)" })
    }
}
