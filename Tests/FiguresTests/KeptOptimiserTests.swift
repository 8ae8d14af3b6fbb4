import Bilevel
@testable import FigureKit
@testable import Figures
import Foundation
import GainModulation
import WorkbenchKit
import XCTest

/// `figures --optimizer lbfgs` switches every run except those a figure keeps on the paper's
/// procedure (Fig. 8's offset -1 sweeps), and index.md's note says which and why.
final class KeptOptimiserTests: XCTestCase {
    func testFigure8KeepsItsOffsetMinusOneRunsOnThePapersProcedure() throws {
        let registry = Registry([BilevelPlugin.experiments])
        let figure = LearningRateFigure()
        let context = PlanContext(preset: .quick, experiments: Set(registry.experiments.map { ExperimentName($0.name) }))
        let plan = try FigurePlan(figures: [figure], all: [figure], registry: registry, context: context,
                                  mnistDirectory: nil, optimizer: .lbfgs)
        let entry = try XCTUnwrap(plan.entries.first)
        var switched = 0, kept = 0
        for request in entry.requests {
            let key = try XCTUnwrap(entry.keys[request])
            let offset = try XCTUnwrap(key.text.split(separator: "\n").first { $0.hasPrefix("offset=") }.flatMap { Double($0.dropFirst(7)) })
            let usesLBFGS = key.text.contains("\noptimizer=lbfgs\n")
            XCTAssertEqual(usesLBFGS, offset == 0, key.text)
            if usesLBFGS { switched += 1 } else { kept += 1 }
        }
        XCTAssertEqual(switched, 10)
        XCTAssertEqual(kept, 10)
        let note = try XCTUnwrap(entry.optimiserNote)
        XCTAssertTrue(note.contains("lbfgs for 10 run(s)") && note.contains("10 keep the paper's procedure (fig8: offset -1"), note)

        // Without --optimizer every run keeps its own, and nothing is noted.
        let paper = try FigurePlan(figures: [figure], all: [figure], registry: registry, context: context, mnistDirectory: nil)
        XCTAssertNil(paper.entries.first?.optimiserNote)
        XCTAssertFalse(paper.runs.contains { $0.key.text.contains("optimizer=lbfgs") })
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
