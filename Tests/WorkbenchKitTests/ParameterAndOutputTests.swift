import Foundation
import XCTest
@testable import WorkbenchKit

/// A minimal experiment for exercising the runner: the single-parameter linear dynamics
/// dw/dt = g - w with loss (w - 1)^2 / 2 and a quadratic cost.
struct RelaxationExperiment: Experiment {
    struct Model: LearningDynamics {
        final class Workspace {}
        var stateCount: Int { 1 }
        var controlCount: Int { 1 }
        func makeWorkspace() -> Workspace { Workspace() }
        func evaluate(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                      drift: UnsafeMutablePointer<Double>?, workspace: Workspace) -> Double {
            drift?[0] = control[0] - state[0]
            return 0.5 * (state[0] - 1) * (state[0] - 1)
        }
        func pullback(step: Int, state: UnsafePointer<Double>, control: UnsafePointer<Double>,
                      driftAdjoint a: UnsafePointer<Double>?, lossWeight c: Double,
                      stateBar: UnsafeMutablePointer<Double>, controlBar: UnsafeMutablePointer<Double>, workspace: Workspace) {
            if let a = a { stateBar[0] -= a[0]; controlBar[0] += a[0] }
            stateBar[0] += c * (state[0] - 1)
        }
    }
    let name = "relaxation"
    let summary = "test dynamics"
    var parameters: [ParameterSpec] {
        StandardParameters.specs(.init(steps: 50, learningRate: 0.1, beta: 0.1, controlRate: 1, iterations: 30,
                                       lower: -5, upper: 5))
    }
    var presets: Presets { Presets(quick: [.set(.iterations, 20)]) }
    func prepare(_ p: ParameterValues, context: RunContext) throws -> PreparedRun {
        let steps = p[.steps]
        let engine = try StandardParameters.problem(p, dynamics: Model(),
                                                cost: NormCost(.quadratic, beta: p[.beta], norm: WeightedSquares(range: 0..<1)),
                                                map: .perStep(initialState: [0]))
        return PreparedRun(engine: engine, initialControl: [Double](repeating: 0, count: steps),
                           baselineControl: [Double](repeating: 0, count: steps), optimizer: try StandardParameters.optimizer(p),
                           describe: { trajectory, _ in [SeriesColumn("g", trajectory.control)] })
    }
}

final class ParameterAndOutputTests: XCTestCase {
    let e = RelaxationExperiment()

    func testUnknownKeyListsValidOnes() {
        XCTAssertThrowsError(try e.resolve(preset: "quick", overrides: [("betta", "1")])) { error in
            let m = (error as! WorkbenchError).message
            XCTAssertTrue(m.contains("unknown parameter 'betta'") && m.contains("beta") && m.contains("gamma"), m)
        }
    }

    func testBadValuesSayWhatWasExpected() {
        for (key, raw, expected) in [("beta", "abc", "a finite number"), ("beta", "nan", "a finite number"),
                                     ("gamma", "inf", "a finite number"), ("steps", "2.5", "an integer"),
                                     ("optimizer", "sgd", "one of gradient|adam"), ("gamma", "1.5", "in [")] {
            XCTAssertThrowsError(try e.resolve(preset: "quick", overrides: [(key, raw)])) { error in
                let m = (error as! WorkbenchError).message
                XCTAssertTrue(m.contains("'\(key)'") && m.contains(expected), m)
            }
        }
        XCTAssertThrowsError(try e.resolve(preset: "huge", overrides: []))
    }

    /// The fast forms of the paper's procedure are gone: their old names fail like any unknown
    /// value, with the kinds that remain.
    func testRemovedOptimizerKindsFailListingTheValidOnes() {
        for removed in ["gradient-flow", "momentum-flow", "adam-lbfgs"] {
            XCTAssertThrowsError(try e.resolve(preset: "quick", overrides: [("optimizer", removed)])) { error in
                let m = (error as! WorkbenchError).message
                XCTAssertTrue(m.hasSuffix("bad value '\(removed)' for parameter 'optimizer' (\(Parameter<OptimizerKind>.optimizer.help)): expected one of gradient|adam|lbfgs"), m)
                XCTAssertFalse(m.contains("\n"), m)
            }
        }
    }

    func testPresetThenOverridesInOrder() throws {
        let p = try e.resolve(preset: "quick", overrides: [("iterations", "7"), ("gamma", "0.5")])
        XCTAssertEqual(p[.iterations], 7)
        XCTAssertEqual(p[.gamma], 0.5)
        XCTAssertEqual(p[.steps], 50)
    }

    func testRunWritesResultAndSeriesAndIsDeterministic() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wb-run-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let outcome = try runExperiment(e, options: RunOptions(outDirectory: dir))
        XCTAssertGreaterThan(outcome.valueControl, outcome.valueBaseline)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/result.json"))) as! [String: Any]
        for key in ["experiment", "preset", "parameters", "seed", "value_baseline", "value_control", "value_history", "seconds"] {
            XCTAssertNotNil(json[key], key)
        }
        XCTAssertEqual((json["value_history"] as! [Double]).count, 21)
        let csv = try String(contentsOfFile: dir + "/series.csv")
        let header = csv.split(separator: "\n")[0]
        XCTAssertEqual(header, "step,t,loss_baseline,loss_control,cost_baseline,cost_control,reward_baseline,reward_control,g_baseline,g_control")
        XCTAssertEqual(csv.split(separator: "\n").count, 51)
        let again = try runExperiment(e, options: RunOptions())
        XCTAssertEqual(again.valueHistory, outcome.valueHistory)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [])
    }

    func testUnwritableOutputFailsBeforeComputing() {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wb-file-\(UUID())").path
        FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        defer { try? FileManager.default.removeItem(atPath: file) }
        XCTAssertThrowsError(try runExperiment(e, options: RunOptions(outDirectory: file))) { error in
            XCTAssertTrue((error as! WorkbenchError).message.contains(file))
        }
        XCTAssertThrowsError(try runExperiment(e, options: RunOptions(outDirectory: file + "/sub"))) { error in
            XCTAssertTrue((error as! WorkbenchError).message.contains(file))
        }
    }

    func testAdamAlsoImprovesAndRespectsBounds() throws {
        let p = try e.resolve(preset: "quick", overrides: [("optimizer", "adam"), ("control_lr", "0.05"), ("upper", "0.3")])
        let run = try e.prepare(p, context: RunContext(seed: 0, mnistDirectory: nil))
        let result = optimizeControl(engine: run.engine, initial: run.initialControl, settings: run.optimizer)
        XCTAssertGreaterThan(result.valueHistory.last!, result.valueHistory.first!)
        XCTAssertLessThanOrEqual(result.theta.max()!, 0.3)
    }
}
