import Bilevel
@testable import FigureKit
@testable import Figures
import Foundation
import GainModulation
import Render
import WorkbenchKit
import XCTest

/// `figures --procedure both`: every run with an optimizer parameter is planned under its own
/// optimizer and under L-BFGS, no figure chooses otherwise; each optimum run gets a convergence
/// verdict; each claim a status from its two verdicts.
final class ProcedureTests: XCTestCase {
    /// Fig. 8 (Bilevel): under the paper's procedure every run keeps its experiment's own optimizer
    /// (Adam), at the optimum every run takes L-BFGS.
    func testEveryOptimizedRunTakesItsOwnOptimizerThenLBFGS() throws {
        let registry = Registry([BilevelPlugin.experiments])
        let context = PlanContext(preset: .quick, experiments: Set(registry.experiments.map { ExperimentName($0.name) }))
        let plan = try FigurePlan(figures: [LearningRateFigure()], registry: registry, context: context, mnistDirectory: nil,
                                  procedures: Procedure.allCases)
        let entry = try XCTUnwrap(plan.entries.first)
        XCTAssertEqual(entry.procedures, [.paper, .optimum])
        XCTAssertEqual(Set(entry.requests), entry.optimized, "every learning-rate run has an optimizer parameter")
        for request in entry.requests {
            let paper = try XCTUnwrap(entry.keys[.paper]?[request]).text, optimum = try XCTUnwrap(entry.keys[.optimum]?[request]).text
            XCTAssertTrue(paper.contains("\noptimizer=adam\n"), paper)
            XCTAssertTrue(optimum.contains("\noptimizer=lbfgs\n"), optimum)
        }
        XCTAssertEqual(plan.runs.count, 2 * Set(entry.requests).count)
        // The paper's procedure alone plans only its own runs.
        let paperOnly = try FigurePlan(figures: [LearningRateFigure()], registry: registry, context: context, mnistDirectory: nil)
        XCTAssertEqual(paperOnly.entries.first?.procedures, [.paper])
        XCTAssertFalse(paperOnly.runs.contains { $0.key.text.contains("optimizer=lbfgs") })
    }

    func testStatusRule() {
        typealias S = ClaimStatus
        XCTAssertEqual(S.of(paper: .pass, optimum: .pass, converged: true), .holds)
        XCTAssertEqual(S.of(paper: .pass, optimum: .fail, converged: true), .paperProcedureOnly)
        XCTAssertEqual(S.of(paper: .fail, optimum: .pass, converged: true), .optimumOnly)
        XCTAssertEqual(S.of(paper: .fail, optimum: .fail, converged: true), .notReproduced)
        XCTAssertEqual(S.of(paper: .fail, optimum: .fail, converged: false), .notReproduced)
        for (p, o) in [(ClaimResult.Verdict.pass, ClaimResult.Verdict.pass), (.pass, .fail), (.fail, .pass)] {
            XCTAssertEqual(S.of(paper: p, optimum: o, converged: false), .notConverged, "\(p) \(o)")
        }
        XCTAssertEqual(S.of(paper: .paperOnly, optimum: .paperOnly, converged: false), .paperPresetOnly)
    }

    /// A figure drawing one single-neuron run's gain, with one claim that always holds: its status
    /// is decided by the optimum's convergence alone.
    struct GainFigure: WorkbenchFigure {
        let id = "gain-probe"
        let title = "test", caption = "test"
        let requiredExperiments = [GainModulationNames.singleNeuron]
        let iterations: Int?
        func runs(_ c: PlanContext) -> [RunRequest] {
            [RunRequest(GainModulationNames.singleNeuron, preset: c.preset, [.set(.sgdRuns, 0)] + (iterations.map { [.set(.iterations, $0)] } ?? []))]
        }
        func draw(_ inputs: FigureInputs) throws -> Figure {
            let figure = Figure(rows: 1, cols: 1)
            let g = try inputs.run(runs(inputs.context)[0]).column(RunColumns.loss, .control)
            figure[0, 0].line(g, label: "Control")
            return figure
        }
        func claims(_ c: PlanContext) -> [Claim] {
            [Claim("drawn", citation: Claim.workbench) { n in ClaimOutcome(!(try n.column("a_control_y")).isEmpty, "drawn") }]
        }
    }

    func regenerate(_ figure: GainFigure) throws -> (FiguresReport, String) {
        let out = NSTemporaryDirectory() + "procedure-test-\(UUID().uuidString)"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: out) }
        var options = FiguresOptions(preset: .quick, outDirectory: out, jobs: 1)
        options.procedures = Procedure.allCases
        let report = try regenerateFigures(registry: Registry([GainModulationPlugin.experiments]),
                                           figures: try FigureSet(paper: [], plugins: [figure]), options: options)
        return (report, try String(contentsOfFile: out + "/index.md", encoding: .utf8))
    }

    /// An L-BFGS budget of 2 evaluations cannot converge: the run is reported not converged with its
    /// relative gradient norm, and the claim that passes under both is "not converged", not "holds".
    func testARunStoppedByItsBudgetIsReportedNotConverged() throws {
        let (report, index) = try regenerate(GainFigure(iterations: 2))
        XCTAssertTrue(report.succeeded, "\(report.failed)")
        let made = try XCTUnwrap(report.made.first)
        XCTAssertEqual(made.files, ["gain-probe.png", "gain-probe_data.csv", "gain-probe_optimum.png", "gain-probe_optimum_data.csv"])
        let verdict = try XCTUnwrap(made.convergence.first)
        XCTAssertEqual(made.convergence.count, 1)
        XCTAssertFalse(verdict.converged)
        XCTAssertEqual(verdict.stopReason, StopReason.evaluations.rawValue)
        XCTAssertEqual(verdict.evaluations, 2)
        let norm = try XCTUnwrap(verdict.relativeNorm)
        XCTAssertGreaterThan(norm, Convergence.tolerance)
        XCTAssertEqual(made.verdicts.map(\.status), [.notConverged])
        XCTAssertEqual(made.verdicts.first?.paper?.verdict, .pass)
        XCTAssertEqual(made.verdicts.first?.optimum?.verdict, .pass)
        XCTAssertTrue(index.contains("optimum **not converged** in 1 of 1 L-BFGS run(s)"), index)
        XCTAssertTrue(index.contains("`single-neuron [quick] iterations=2 sgd_runs=0 seed=0`: \(Measure.text(norm)) (stopped on evaluations, 2 evaluations)"), index)
        XCTAssertTrue(index.contains("- **not converged** (paper's procedure PASS, optimum PASS) drawn"), index)
        XCTAssertTrue(index.contains("V, optimum against the paper's procedure (same settings otherwise): 1 run(s) differ"), index)
    }

    /// With its preset's budget the same run converges: the claim holds.
    func testAConvergedRunLetsTheClaimHold() throws {
        let (report, index) = try regenerate(GainFigure(iterations: nil))
        let made = try XCTUnwrap(report.made.first)
        let verdict = try XCTUnwrap(made.convergence.first)
        XCTAssertTrue(verdict.converged, verdict.text)
        XCTAssertEqual(made.verdicts.map(\.status), [.holds])
        XCTAssertTrue(index.contains("**Status:** 1 claim(s): 1 holds; optimum converged (1 L-BFGS run(s))"), index)
        let pair = try XCTUnwrap(made.versusPaper?.pairs.first)
        XCTAssertGreaterThanOrEqual(pair.relative, -ProcedureComparison.tolerance, "the converged optimum is no lower than the paper's V")
    }
}
