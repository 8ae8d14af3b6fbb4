import Bilevel
import Engagement
@testable import FigureKit
@testable import Figures
import Foundation
import GainModulation
import LearningRule
import Maml
import Render
import TaskSwitch
import WorkbenchKit
import XCTest
import TestSupport

/// The figures' claim checks: how a verdict is reached, and that the quick preset reproduces every
/// finding the captions state.
final class ClaimTests: XCTestCase {
    func numbers() -> FigureNumbers {
        let figure = Figure(rows: 1, cols: 2)
        figure[0, 0].line([0, 1, 2], [3, 2, 1], label: "Control")
        figure[0, 1].lines([0, 1], [[1, 2], [3, 4]], parameters: [0.5, 0.25], name: "sweep")
        return FigureNumbers(figure)
    }

    func testNumbersAreTheDataCSVColumns() throws {
        let n = numbers()
        XCTAssertEqual(try n.column("a_control_y"), [3, 2, 1])
        let family = try n.family("b_sweep")
        XCTAssertEqual(family.map(\.parameter), [0.25, 0.5])
        XCTAssertEqual(family.map(\.values), [[3, 4], [1, 2]])
        XCTAssertThrowsError(try n.column("a_baseline_y"))
    }

    /// Ties are forgiven only between neighbours both marked tied (runs at the same bound), and
    /// only within the tolerance; anywhere else the order stays strict.
    func testIncreasingExceptTiedNeighbours() {
        let v = [2.87e-7, 2.86e-7, 2.9e-7, 1e-3, 2e-3]
        XCTAssertFalse(Measure.increasing(v))
        XCTAssertTrue(Measure.increasing(v, tiedWhere: [true, true, true, false, false], tieTolerance: 1e-8))
        XCTAssertFalse(Measure.increasing(v, tiedWhere: [true, true, true, false, false], tieTolerance: 1e-10), "a tie reversed beyond the tolerance")
        XCTAssertFalse(Measure.increasing(v, tiedWhere: [true, false, true, false, false], tieTolerance: 1e-8))
        XCTAssertFalse(Measure.increasing([1e-3, 5e-4, 0, 0], tiedWhere: [false, false, true, true], tieTolerance: 1e-8))
        XCTAssertTrue(Measure.increasing([0, 0, 5e-4, 1e-3], tiedWhere: [true, true, false, false], tieTolerance: 0))
        XCTAssertFalse(Measure.increasing([0, 1], tiedWhere: [true], tieTolerance: 1), "lengths differ")
    }

    func testVerdicts() {
        let n = numbers()
        let holds = Claim("falls") { n in ClaimOutcome(Measure.decreasing(try n.column("a_control_y")), "3, 2, 1") }
        let fails = Claim("rises") { n in ClaimOutcome(Measure.increasing(try n.column("a_control_y")), "3, 2, 1") }
        let missing = Claim("baseline") { n in ClaimOutcome(true, "\(try n.column("a_baseline_y"))") }
        let paper = Claim("needs the paper's horizon", paperOnly: "quick horizon too short") { _ in ClaimOutcome(false, "") }
        XCTAssertEqual(ClaimResult.evaluate(holds, on: n, preset: .quick).verdict, .pass)
        XCTAssertEqual(ClaimResult.evaluate(fails, on: n, preset: .quick).verdict, .fail)
        let cannot = ClaimResult.evaluate(missing, on: n, preset: .quick)
        XCTAssertEqual(cannot.verdict, .fail)
        XCTAssertTrue(cannot.measured.contains("no column 'a_baseline_y'"), cannot.measured)
        XCTAssertEqual(ClaimResult.evaluate(paper, on: n, preset: .quick).verdict, .paperOnly)
        XCTAssertEqual(ClaimResult.evaluate(paper, on: n, preset: .paper).verdict, .fail)
    }

    func testSpearman() {
        XCTAssertEqual(Measure.spearman([1, 2, 3, 4], [10, 20, 30, 40]), 1, accuracy: 1e-12)
        XCTAssertEqual(Measure.spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1, accuracy: 1e-12)
        XCTAssertEqual(Measure.spearman([1, 1, 2], [1, 1, 2]), 1, accuracy: 1e-12)
    }

    /// `workbench figures --preset quick`: every figure is drawn, declares claims, and every claim passes.
    func testEveryQuickClaimPasses() throws {
        let mnist = try bundledMNISTDirectory()
        let out = NSTemporaryDirectory() + "claims-test-\(UUID().uuidString)"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: out) }
        // The CLI's plugin list: every plugin's experiments, and its figures after the paper's.
        let plugins: [any WorkbenchPlugin.Type] = [GainModulationPlugin.self, EngagementPlugin.self, TaskSwitchPlugin.self,
                                                   MamlPlugin.self, BilevelPlugin.self, LearningRulePlugin.self]
        let figures = try FigureSet.paper(with: plugins)
        var lines: [String] = []
        let report = try regenerateFigures(registry: Registry(plugins.map { $0.experiments }), figures: figures, options: FiguresOptions(
            preset: .quick, only: nil, outDirectory: out, mnistDirectory: mnist, jobs: 2, log: { lines.append($0) }))
        XCTAssertTrue(report.succeeded, "\(report.failed) \(report.skipped)")
        XCTAssertEqual(report.made.count, figures.figures.count)
        for made in report.made {
            XCTAssertFalse(made.claims.isEmpty, "\(made.id) declares no claims")
            for claim in made.claims where claim.verdict == .fail {
                XCTFail("\(made.id): \(claim.statement): \(claim.measured)")
            }
        }
        XCTAssertEqual(lines.filter { $0.contains("claim FAILED") }, [])
        let index = try String(contentsOfFile: out + "/index.md", encoding: .utf8)
        XCTAssertTrue(index.contains("- **PASS** (e) the peak of the optimal g(t) grows with the discount factor γ"))

        // The CLI's default, `--optimizer lbfgs`, into the same folder: the runs figures keep on the
        // paper's procedure are reused, every claim passes again, and no switched run ends more than
        // 1e-4 (relative) below the paper's procedure's V, which every switched run is compared with.
        var options = FiguresOptions(preset: .quick, only: nil, outDirectory: out, mnistDirectory: mnist, jobs: 2)
        options.optimizer = .lbfgs
        let converged = try regenerateFigures(registry: Registry(plugins.map { $0.experiments }), figures: figures, options: options)
        XCTAssertTrue(converged.succeeded, "\(converged.failed) \(converged.skipped)")
        XCTAssertGreaterThan(converged.runsCached, 0)
        for made in converged.made {
            for claim in made.claims where claim.verdict == .fail {
                XCTFail("lbfgs: \(made.id): \(claim.statement): \(claim.measured)")
            }
            if let comparison = made.versusPaper {
                XCTAssertEqual(comparison.unmatched, 0, made.id)
                XCTAssertTrue(comparison.worse.isEmpty, "\(made.id): \(comparison.summary)")
            }
        }
    }
}
