import XCTest
@testable import Maml
import WorkbenchKit
import TestSupport

final class MamlTests: XCTestCase {
    func testGradientMatchesFiniteDifferences() throws {
        let e = MamlExperiment()
        let p = try e.resolve(preset: "quick", overrides: [("optimized_steps", "8"), ("hidden", "6"),
                                                           ("learning_rate", "0.05")])
        let run = try e.prepare(p, context: RunContext(seed: 3, mnistDirectory: try bundledMNISTDirectory()))
        var rng = SeededGenerator(seed: 7)
        let theta = run.initialControl.map { $0 + 0.2 * rng.normal() }
        XCTAssertLessThan(checkGradient(engine: run.engine, at: theta).maxRelativeError, 1e-5)
    }

    /// Standard MAML (K = 1) optimizes the loss after exactly one update, averaged over the tasks.
    func testOneStepObjectiveIsTheMamlLoss() throws {
        let e = MamlExperiment()
        let p = try e.resolve(preset: "quick", overrides: [("optimized_steps", "1")])
        let run = try e.prepare(p, context: RunContext(seed: 3, mnistDirectory: try bundledMNISTDirectory()))
        let start = run.engine.rollout(run.initialControl)
        let oneStep = run.extraResults(start, start)["one_step_loss_baseline"] as! Double
        let v = start.value
        XCTAssertEqual(v, -0.005 * oneStep, accuracy: 1e-12)
    }

    /// Figs. 6-7: initializations optimized over more steps learn with less cumulative loss over the
    /// evaluation horizon; all beat the random initialization.
    func testMoreOptimizedStepsGiveLowerCumulativeLoss() throws {
        let dir = try bundledMNISTDirectory()
        var cumulative: [Double] = []
        for k in ["1", "20", "60"] {
            let run = try runExperiment(MamlExperiment(), options: RunOptions(
                preset: "quick", overrides: [("optimized_steps", k)], mnistDirectory: dir))
            XCTAssertGreaterThan(run.valueControl, run.valueBaseline, "K = \(k)")
            let c = run.extra["cumulative_eval_loss_control"] as! Double
            XCTAssertLessThan(c, 0.5 * (run.extra["cumulative_eval_loss_baseline"] as! Double))
            cumulative.append(c)
            // Fig. 6: every pair's evaluation curve and one-step loss; their means are the recorded means.
            let curves = run.extra["eval_loss_per_task_control"] as! [[Double]]
            let mean = run.extra["eval_loss_mean_control"] as! [Double]
            let oneStep = run.extra["one_step_loss_per_task_control"] as! [Double]
            XCTAssertEqual(curves.count, 5)
            XCTAssertEqual(oneStep.count, 5)
            for (t, curve) in curves.enumerated() {
                XCTAssertEqual(curve.count, mean.count)
                XCTAssertEqual(oneStep[t], curve[1], accuracy: 1e-15)
                XCTAssertLessThan(curve.last!, curve[0], "pair \(t) learns from the found initialization")
            }
            for i in [0, mean.count / 2, mean.count - 1] {
                XCTAssertEqual(curves.map { $0[i] }.reduce(0, +) / 5, mean[i], accuracy: 1e-12)
            }
            XCTAssertEqual(oneStep.reduce(0, +) / 5, run.extra["one_step_loss_control"] as! Double, accuracy: 1e-12)
        }
        // Quick (seed 0): 0.970, 0.661, 0.498; the random initialization 2.49.
        XCTAssertGreaterThan(cumulative[0], 1.3 * cumulative[1])
        XCTAssertGreaterThan(cumulative[1], 1.2 * cumulative[2])
    }
}

final class MamlObjectiveTests: XCTestCase {
    /// The authors' objective also counts the loss at the initialization: with K = 1,
    /// V = -dt (L(w_0) + L(w_1)), against eq. 26's -dt L(w_1).
    func testWithInitialLossAddsTheLossAtTheInitialization() throws {
        let e = MamlExperiment()
        var values: [String: Double] = [:]
        var lossAtStart = 0.0, oneStep = 0.0
        for objective in MamlObjective.allCases {
            let p = try e.resolve(preset: "quick", overrides: [("optimized_steps", "1"), ("objective", objective.rawValue)])
            let run = try e.prepare(p, context: RunContext(seed: 3, mnistDirectory: try bundledMNISTDirectory()))
            let start = run.engine.rollout(run.initialControl)
            values[objective.rawValue] = start.value
            let extra = run.extraResults(start, start)
            oneStep = extra["one_step_loss_baseline"] as! Double
            lossAtStart = (extra["eval_loss_mean_baseline"] as! [Double])[0]
        }
        XCTAssertEqual(values["after-updates"]!, -0.005 * oneStep, accuracy: 1e-12)
        XCTAssertEqual(values["with-initial-loss"]!, -0.005 * (lossAtStart + oneStep), accuracy: 1e-12)
    }

    /// Figs. 3a, 6l, 7c with the objective the figures use (quick preset): a few optimized steps give
    /// a lower one-step loss than standard MAML (K = 1), many give a higher one, and K = 1's
    /// meta-objective stalls on a plateau (its last 200 iterations move -V by < 0.5%).
    func testWithInitialLossGivesTheOneStepDipAndThePlateau() throws {
        let dir = try bundledMNISTDirectory()
        var oneStep: [Int: Double] = [:]
        for k in [1, 40, 240] {
            let run = try runExperiment(MamlExperiment(), options: RunOptions(
                preset: "quick", overrides: [("optimized_steps", "\(k)"), ("objective", "with-initial-loss")], mnistDirectory: dir))
            oneStep[k] = (run.extra["one_step_loss_control"] as! Double)
            if k == 1 {
                let late = run.valueHistory.suffix(200).map { -$0 }.sorted()
                XCTAssertLessThan(late[late.count / 2] - late.first!, 0.005 * late.first!, "K = 1 stays on its plateau")
            }
        }
        XCTAssertLessThan(oneStep[40]! + 0.005, oneStep[1]!, "\(oneStep)")
        XCTAssertGreaterThan(oneStep[240]!, oneStep[1]! + 0.002, "\(oneStep)")
    }
}
