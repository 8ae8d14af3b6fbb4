import TestSupport
import XCTest
@testable import WeightDecay
import WorkbenchKit

final class WeightDecayTests: XCTestCase {
    /// A constant decay lambda is ridge regression: Euler steps converge to (A + lambda I)^-1 b, and
    /// to the training set's least-squares fit when lambda = 0.
    func testConstantDecayConvergesToTheRidgeSolution() {
        let sample = RegressionSample(inputs: 3, examples: 6, noise: 0.5, seed: 4)
        let model = DecayedRegression(sample: sample)
        for lambda in [0.0, 0.7] {
            let steps = 4000
            let engine = Engine(ControlProblem(dynamics: model, steps: steps, dt: 0.05, gamma: 1, eta: 1, cost: ZeroCost(),
                                               map: .perStep(initialState: [0, 0, 0])))
            let final = engine.rollout([Double](repeating: lambda, count: steps)).finalState
            // (A + lambda I) w = b at the fixed point.
            let a = sample.inputMoments, b = sample.inputOutputMoments
            for r in 0..<3 {
                let lhs = (0..<3).reduce(lambda * final[r]) { $0 + a[r * 3 + $1] * final[$1] }
                XCTAssertEqual(lhs, b[r], accuracy: 1e-9, "lambda \(lambda), row \(r)")
            }
        }
    }

    /// The example's finding: plain gradient descent overfits the small sample (its population loss
    /// rises after its minimum); the optimized decay beats it in V, ends below its best population
    /// loss, is off at the start (with w = 0 it has nothing to act on) and settles where a constant
    /// decay would pay least per unit time (`best_constant_decay`).
    func testOptimizedDecayBeatsGradientDescentAndSettlesOnTheBestRidgePenalty() throws {
        let run = try runExperiment(WeightDecayExperiment(), options: RunOptions(preset: "quick"))
        XCTAssertGreaterThan(run.valueControl, run.valueBaseline)
        let baseline = try XCTUnwrap(run.column(RunColumns.loss.baseline.text))
        let control = try XCTUnwrap(run.column(RunColumns.loss.control.text))
        XCTAssertGreaterThan(baseline.last!, 1.1 * baseline.min()!)
        XCTAssertLessThan(control.last!, baseline.min()!)
        let decay = try XCTUnwrap(run.column(WeightDecayNames.decay.control.text))
        XCTAssertEqual(decay[0], 0)
        let late = decay.dropLast().suffix(decay.count / 2)
        let best = try XCTUnwrap(run.extra[WeightDecayNames.bestConstantDecay.text] as? Double)
        XCTAssertEqual(late.reduce(0, +) / Double(late.count), best, accuracy: 0.02 * best)
    }
}
