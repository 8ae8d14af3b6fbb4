@testable import FigureKit
@testable import Figures
import Foundation
import LearningRule
import LearningRuleFigures
import Render
import WorkbenchKit
import XCTest

/// A plugin's own figures reach `workbench figures` from its registration alone: the learning-rule
/// plugin contributes `learning-rule-coefficients`, drawn after the paper's from Fig. 9's run.
final class PluginFigureTests: XCTestCase {
    let plugins: [any WorkbenchPlugin.Type] = [LearningRulePlugin.self]

    func testPluginFigureIsDrawnWithItsClaimsFromTheRegistrationAlone() throws {
        let figures = try FigureSet.paper(with: plugins)
        XCTAssertEqual(figures.figures.last?.id, "learning-rule-coefficients")
        XCTAssertEqual(figures.allIDs.last, "learning-rule-coefficients")
        XCTAssertEqual(try figures.select(["Learning-Rule-Coefficients"]).map(\.id), ["learning-rule-coefficients"])
        // Without the plugin the id is unknown.
        XCTAssertThrowsError(try FigureSet.paper().select(["learning-rule-coefficients"]))

        let out = NSTemporaryDirectory() + "plugin-figure-test-\(UUID().uuidString)"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: out) }
        let report = try regenerateFigures(
            registry: Registry(plugins.map { $0.experiments }), figures: figures,
            options: FiguresOptions(preset: .quick, only: ["fig9", "learning-rule-coefficients"], outDirectory: out, jobs: 1))
        XCTAssertTrue(report.succeeded, "\(report.failed) \(report.skipped)")
        XCTAssertEqual(report.made.map(\.id), ["fig9", "learning-rule-coefficients"])
        // Fig. 9 and the plugin figure ask for the same run: computed once.
        XCTAssertEqual(report.runsPlanned, 1)
        let made = try XCTUnwrap(report.made.last)
        XCTAssertEqual(made.files, ["learning-rule-coefficients.png", "learning-rule-coefficients_data.csv"])
        XCTAssertEqual(made.claims.count, 2)
        for claim in made.claims { XCTAssertEqual(claim.verdict, .pass, "\(claim.statement): \(claim.measured)") }
        let data = try String(contentsOfFile: out + "/learning-rule-coefficients_data.csv", encoding: .utf8)
        XCTAssertTrue(data.hasPrefix("a_feedback_r_x,a_feedback_r_y,a_hebbian_r_x,a_hebbian_r_y,"), data.prefix(80).description)
        let index = try String(contentsOfFile: out + "/index.md", encoding: .utf8)
        XCTAssertTrue(index.contains("## learning-rule-coefficients: The optimized learning rule through training"))
        XCTAssertTrue(index.contains("## Figure 9: "))
    }

    /// A figure that only names itself: enough for the id checks.
    struct NamedFigure: WorkbenchFigure {
        let id: String
        let title = "test", caption = "test"
        let requiredExperiments: [ExperimentName] = []
        func runs(_ context: PlanContext) -> [RunRequest] { [] }
        func draw(_ inputs: FigureInputs) throws -> Figure { Figure(rows: 1, cols: 1) }
    }

    func testPluginFigureIdsMustNotPassForPaperFiguresOrEachOther() {
        for bad in ["fig3", "Fig-x", "3d", "", "two words", "fig12b"] {
            XCTAssertThrowsError(try FigureSet(paper: FigureCatalog.figures, plugins: [NamedFigure(id: bad)]), bad) { error in
                XCTAssertTrue("\(error)".contains("plugin figure id '\(bad)'"), "\(error)")
            }
        }
        XCTAssertThrowsError(try FigureSet(paper: [], plugins: [NamedFigure(id: "summary"), NamedFigure(id: "summary")])) { error in
            XCTAssertTrue("\(error)".contains("two figures share the id 'summary'"), "\(error)")
        }
        XCTAssertNoThrow(try FigureSet(paper: [], plugins: [NamedFigure(id: "summary-2")]))
    }
}
