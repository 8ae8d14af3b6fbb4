import Bilevel
import Engagement
@testable import FigureKit
@testable import Figures
import Foundation
import GainModulation
import WorkbenchKit
import XCTest
import TestSupport

/// `figures --optimizer lbfgs` switches every run except those a figure chooses another optimiser
/// for (Fig. 8's offset -1 sweeps: Adam then L-BFGS), and index.md's note says which and why.
final class OptimiserChoiceTests: XCTestCase {
    /// One figure's quick plan under `figures --optimizer lbfgs`, with its plugin's experiments.
    func lbfgsEntry(_ figure: any WorkbenchFigure, _ experiments: [any Experiment], mnist: String? = nil) throws -> FigurePlan.Entry {
        let registry = Registry([experiments])
        let context = PlanContext(preset: .quick, experiments: Set(registry.experiments.map { ExperimentName($0.name) }))
        let plan = try FigurePlan(figures: [figure], all: [figure], registry: registry, context: context,
                                  mnistDirectory: mnist, optimizer: .lbfgs)
        return try XCTUnwrap(plan.entries.first)
    }

    func testFigure8TakesAdamThenLBFGSForItsOffsetMinusOneRuns() throws {
        let registry = Registry([BilevelPlugin.experiments])
        let figure = LearningRateFigure()
        let context = PlanContext(preset: .quick, experiments: Set(registry.experiments.map { ExperimentName($0.name) }))
        let entry = try lbfgsEntry(figure, BilevelPlugin.experiments)
        var switched = 0, hybrid = 0
        for request in entry.requests {
            let key = try XCTUnwrap(entry.keys[request])
            let offset = try XCTUnwrap(key.text.split(separator: "\n").first { $0.hasPrefix("offset=") }.flatMap { Double($0.dropFirst(7)) })
            let usesLBFGS = key.text.contains("\noptimizer=lbfgs\n"), usesHybrid = key.text.contains("\noptimizer=adam-lbfgs\n")
            XCTAssertEqual(usesLBFGS, offset == 0, key.text)
            XCTAssertEqual(usesHybrid, offset == -1, key.text)
            if usesLBFGS { switched += 1 }
            if usesHybrid { hybrid += 1 }
        }
        XCTAssertEqual(switched, 10)
        XCTAssertEqual(hybrid, 10)
        let note = try XCTUnwrap(entry.optimiserNote)
        XCTAssertTrue(note.contains("lbfgs for 10 run(s)") && note.contains("adam-lbfgs for 10 run(s) (fig8: offset -1"), note)
        XCTAssertFalse(note.contains("keep the paper's procedure"), note)

        // Without --optimizer every run keeps its own, and nothing is noted.
        let paper = try FigurePlan(figures: [figure], all: [figure], registry: registry, context: context, mnistDirectory: nil)
        XCTAssertNil(paper.entries.first?.optimiserNote)
        XCTAssertFalse(paper.runs.contains { $0.key.text.contains("optimizer=lbfgs") || $0.key.text.contains("optimizer=adam-lbfgs") })
    }

    /// A faster optimiser replaces only the procedure it accelerates: the quick preset's class
    /// proportions use Adam, so Fig. 4's momentum flow leaves them on Adam, and says so.
    func testAFasterOptimiserReplacesOnlyTheProcedureItAccelerates() throws {
        let mnist = try bundledMNISTDirectory()
        let entry = try lbfgsEntry(EngagementFigure(), EngagementPlugin.experiments, mnist: mnist)
        for request in entry.requests {
            let key = try XCTUnwrap(entry.keys[request]).text
            if request.experiment == EngagementNames.classProportion {
                XCTAssertTrue(key.contains("\noptimizer=adam\n"), key)
            } else if request.experiment == EngagementNames.categoryEngagementSemantic {
                XCTAssertTrue(key.contains("\noptimizer=gradient-flow\n"), key)
            }
        }
        let note = try XCTUnwrap(entry.optimiserNote)
        XCTAssertTrue(note.contains("gradient-flow for") && note.contains("keep the paper's procedure (fig4: their own optimiser, adam, which momentum-flow does not speed up)"), note)
    }

    /// Made first with the paper's procedure, then with L-BFGS into the same folder: the figure's
    /// runs are compared on V, and L-BFGS ends no lower (Fig. 13's gain modulation, quick).
    func testSwitchedRunsAreComparedWithThePapersProcedureOnV() throws {
        let out = NSTemporaryDirectory() + "kept-optimiser-\(UUID().uuidString)"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: out) }
        let registry = Registry([GainModulationPlugin.experiments])
        var options = FiguresOptions(preset: .quick, only: ["fig13"], outDirectory: out, jobs: 1)
        let paper = try regenerateFigures(registry: registry, figures: try .paper(), options: options)
        XCTAssertNil(paper.made.first?.versusPaper)
        options.optimizer = .lbfgs
        let lbfgs = try regenerateFigures(registry: registry, figures: try .paper(), options: options)
        XCTAssertEqual(lbfgs.runsComputed, 1)
        let comparison = try XCTUnwrap(lbfgs.made.first?.versusPaper)
        XCTAssertEqual(comparison.pairs.count, 1)
        XCTAssertEqual(comparison.unmatched, 0)
        XCTAssertTrue(comparison.worse.isEmpty, comparison.summary)
        let index = try String(contentsOfFile: out + "/index.md", encoding: .utf8)
        XCTAssertTrue(index.contains("V against the paper's procedure: 1 run(s) compared"), index)
    }
}
