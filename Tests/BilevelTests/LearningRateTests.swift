import XCTest
@testable import Bilevel
import WorkbenchKit

final class LearningRateTests: XCTestCase {
    func testGradientMatchesFiniteDifferences() throws {
        let e = LearningRateExperiment()
        for offset in ["0", "-1"] {
            let p = try e.resolve(preset: "quick", overrides: [("steps", "60"), ("offset", offset), ("gamma", "0.9"),
                                                               ("learning_rate", "0.05"), ("init_std", "0.3")])
            let run = try e.prepare(p, context: RunContext(seed: 2, mnistDirectory: nil))
            var rng = SeededGenerator(seed: 4)
            let theta = run.initialControl.map { $0 + 0.3 * rng.normal() }
            XCTAssertLessThan(checkGradient(engine: run.engine, at: theta).maxRelativeError, 1e-5, "offset \(offset)")
        }
    }

    /// Figs. 3c, 8a-b: control beats the baseline, and a longer horizon (larger gamma) recruits a
    /// higher learning rate.
    func testOptimalRateRisesWithGamma() throws {
        let e = LearningRateExperiment()
        var means: [Double] = []
        for gamma in ["0.3", "0.7", "1"] {
            let run = try runExperiment(e, options: RunOptions(preset: "quick", overrides: [("gamma", gamma)]))
            XCTAssertGreaterThan(run.valueControl, run.valueBaseline, "gamma \(gamma)")
            means.append(run.extra["mean_rho"] as! Double)
        }
        XCTAssertLessThan(means[0], means[1])
        XCTAssertLessThan(means[1], means[2])
    }

    /// Figs. 8e-h: a cheaper control (smaller beta) buys a higher rate.
    func testOptimalRateFallsWithBeta() throws {
        let e = LearningRateExperiment()
        let rho = { (beta: String) -> Double in
            let run = try runExperiment(e, options: RunOptions(preset: "quick", overrides: [("beta", beta)]))
            return run.extra["mean_rho"] as! Double
        }
        XCTAssertGreaterThan(try rho("0.2"), try rho("2"))
    }
}

final class LearningRateEpsilonTests: XCTestCase {
    /// Fig. 8c: with offset -1 and a short horizon (gamma 0.6), the late steps' gradients
    /// (gamma^t dt ~ 1e-14) sit below Adam's usual epsilon, so those rates stay at the start alpha;
    /// a negligible epsilon lets Adam move them towards no learning. Early steps are unaffected.
    func testScaleFreeEpsilonMovesTheLateRates() throws {
        let e = LearningRateExperiment()
        func rates(_ epsilon: String) throws -> [Double] {
            let run = try runExperiment(e, options: RunOptions(preset: "quick", overrides: [
                ("learning_rate", "0.04"), ("offset", "-1"), ("init", "zero"), ("gamma", "0.6"), ("adam_epsilon", epsilon)]))
            return run.column("effective_lr_control")!
        }
        let usual = try rates("1e-8"), scaleFree = try rates("1e-300")
        let n = usual.count
        func mean(_ v: ArraySlice<Double>) -> Double { v.reduce(0, +) / Double(v.count) }
        XCTAssertEqual(mean(usual[(9 * n / 10)...]), 0.04, accuracy: 1e-6, "untouched start alpha")
        XCTAssertLessThan(mean(scaleFree[(9 * n / 10)...]), 0.5 * 0.04)
        XCTAssertEqual(mean(usual[..<(n / 5)]), mean(scaleFree[..<(n / 5)]), accuracy: 1e-6)
    }
}
