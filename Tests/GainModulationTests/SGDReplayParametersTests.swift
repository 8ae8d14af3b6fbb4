import XCTest
import Datasets
@testable import GainModulation
import WorkbenchKit

/// An experiment declares its SGD replay from its parameters and the run's context: the replay
/// is the one with sgd_runs, batch, learning_rate and the seed spelt out, and each of them
/// reaches it.
final class SGDReplayParametersTests: XCTestCase {
    func replayColumns(_ overrides: [(String, String)], seed: UInt64) throws -> (declared: [SeriesColumn], spelt: [SeriesColumn]) {
        let e = SingleNeuronExperiment()
        let p = try e.resolve(preset: "quick", overrides: [("steps", "60")] + overrides)
        let context = RunContext(seed: seed, mnistDirectory: nil)
        let run = try e.prepare(p, context: context)
        let baseline = run.engine.rollout(run.baselineControl)
        let declared = try XCTUnwrap(run.sgd).run(baseline, baseline: baseline).columns
        let task = try TwoClassGaussian(mu: p[GainKeys.mu], sigma: p[GainKeys.sigma])
        let model = SingleNeuron(mu: p[GainKeys.mu], sigma: p[GainKeys.sigma], lambda: p[.lambda])
        let spelt = SGDReplay(model: model, sampler: { _ in task }, initialState: [p[GainKeys.initialWeight]],
                              runs: p[.sgdRuns], batch: p[.batch], learningRate: p[.learningRate], seed: seed)
            .run(baseline, baseline: baseline).columns
        return (declared, spelt)
    }

    func testDeclaredReplayIsTheOneWithItsParametersSpeltOut() throws {
        for (overrides, seed) in [([], UInt64(0)), ([("sgd_runs", "2"), ("batch", "7"), ("learning_rate", "0.004")], 5)] {
            let (declared, spelt) = try replayColumns(overrides, seed: seed)
            XCTAssertEqual(declared.map(\.name), [RunColumns.sgdLoss.mean.stem, RunColumns.sgdLoss.std.stem])
            XCTAssertEqual(declared.map(\.values), spelt.map(\.values), "\(overrides) seed \(seed)")
        }
    }

    func testEachParameterReachesTheReplay() throws {
        let reference = try replayColumns([], seed: 0).declared.map(\.values)
        for (overrides, seed) in [([("sgd_runs", "2")], UInt64(0)), ([("batch", "7")], 0), ([("learning_rate", "0.004")], 0), ([], 3)] {
            XCTAssertNotEqual(try replayColumns(overrides, seed: seed).declared.map(\.values), reference, "\(overrides) seed \(seed)")
        }
    }
}
