import Foundation
import XCTest
@testable import WorkbenchKit

/// dw/dt = g - w from w0 = 0.5, loss (w - 1)^2 / 2, cost exp(beta g^2) - 1: Euler with dt > 2
/// diverges (|1 - dt| > 1), a huge control_lr throws g beyond any scale, a huge beta overflows exp.
struct DivergingExperiment: Experiment {
    let name = "diverging"
    let summary = "test dynamics that diverge on demand"
    var parameters: [ParameterSpec] {
        StandardParameters.specs(.init(steps: 400, learningRate: 0.1, beta: 0.1, controlRate: 1, iterations: 20,
                                       lower: -0.5, upper: 0.5))
    }
    var presets: Presets { Presets(quick: []) }
    func prepare(_ p: ParameterValues, context: RunContext) throws -> PreparedRun {
        let steps = p[.steps]
        let engine = try StandardParameters.problem(p, dynamics: RelaxationExperiment.Model(),
                                                    cost: NormCost(.exponential, beta: p[.beta], norm: WeightedSquares(range: 0..<1)),
                                                    map: .perStep(initialState: [0.5]))
        return PreparedRun(engine: engine, initialControl: [Double](repeating: 0.01, count: steps),
                           baselineControl: [Double](repeating: 0, count: steps), optimizer: try StandardParameters.optimizer(p),
                           describe: { trajectory, _ in [SeriesColumn("g", trajectory.control)] })
    }
}

final class DivergenceTests: XCTestCase {
    let e = DivergingExperiment()

    /// Runs with the overrides into a fresh folder; returns the error line and whether any file was written.
    func failure(_ overrides: [(String, String)], file: StaticString = #filePath, line: UInt = #line) -> (String, Bool) {
        let dir = NSTemporaryDirectory() + "divergence-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try runExperiment(e, options: RunOptions(overrides: overrides, outDirectory: dir))
            XCTFail("expected the run to stop", file: file, line: line)
            return ("", true)
        } catch let error as WorkbenchError {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            XCTAssertFalse(error.message.contains("\n"), file: file, line: line)
            return (error.message, files.contains { !$0.hasPrefix(".") })
        } catch {
            XCTFail("\(error)", file: file, line: line)
            return ("", true)
        }
    }

    func testTheDefaultsRunAndAreFinite() throws {
        let outcome = try runExperiment(e, options: RunOptions())
        XCTAssertTrue(outcome.valueHistory.allSatisfy(\.isFinite))
    }

    func testTooLargeLearningRateStopsAtTheBaselineNamingIt() {
        let (message, wrote) = failure([("learning_rate", "10")])
        XCTAssertTrue(message.hasPrefix("diverging: the baseline rollout is not finite"), message)
        XCTAssertTrue(message.contains("the loss is"), message)
        XCTAssertTrue(message.hasSuffix("likely too large: learning_rate=10"), message)
        XCTAssertFalse(wrote, "nothing is written for a diverged run")
    }

    func testHugeControlRateStopsTheAscentNamingIt() {
        let (message, wrote) = failure([("control_lr", "1e9"), ("upper", "1e300"), ("lower", "-1e300"), ("beta", "0")])
        XCTAssertTrue(message.hasPrefix("diverging: control iteration "), message)
        XCTAssertTrue(message.contains("likely too large: control_lr="), message)
        XCTAssertFalse(wrote)
    }

    func testHugeBetaOverflowsTheExponentialCostNamingBeta() {
        let (message, wrote) = failure([("beta", "1e6")])
        XCTAssertTrue(message.contains("the control cost C(g) is inf"), message)
        XCTAssertTrue(message.contains("likely too large: beta=1000000"), message)
        XCTAssertFalse(wrote)
    }

    /// The optimizer stops at the first non-finite V instead of iterating on NaNs.
    func testOptimizerStopsAtTheFirstNonFiniteValue() throws {
        let params = try e.resolve(preset: "quick", overrides: [("beta", "1e6")])
        let prepared = try e.prepare(params, context: RunContext(seed: 0, mnistDirectory: nil))
        let result = optimizeControl(engine: prepared.engine, initial: prepared.initialControl, settings: prepared.optimizer)
        let k = try XCTUnwrap(result.divergedAt)
        XCTAssertLessThan(k, prepared.optimizer.iterations)
        XCTAssertEqual(result.valueHistory.count, k + 1)
        XCTAssertTrue(result.valueHistory.dropLast().allSatisfy(\.isFinite))
    }
}
