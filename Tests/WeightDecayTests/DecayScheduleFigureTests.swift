@testable import FigureKit
import Foundation
@testable import WeightDecay
import WeightDecayFigures
import WorkbenchKit
import XCTest

/// The plugin's figure is drawn by `workbench figures` from its registration alone, and its
/// caption's claims hold on the quick preset.
final class DecayScheduleFigureTests: XCTestCase {
    func testFigureIsDrawnAndItsClaimsPass() throws {
        let out = NSTemporaryDirectory() + "weight-decay-figure-\(UUID().uuidString)"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: out) }
        let report = try regenerateFigures(
            registry: Registry([WeightDecayPlugin.experiments]),
            figures: try FigureSet(paper: [], plugins: WeightDecayPlugin.figures),
            options: FiguresOptions(preset: .quick, only: ["weight-decay-schedule"], outDirectory: out, jobs: 1, log: { _ in }))
        XCTAssertTrue(report.succeeded, "\(report.failed) \(report.skipped)")
        let made = try XCTUnwrap(report.made.first)
        XCTAssertEqual(made.files, ["weight-decay-schedule.png", "weight-decay-schedule_data.csv"])
        XCTAssertEqual(made.claims.count, 4)
        for claim in made.claims { XCTAssertEqual(claim.verdict, .pass, "\(claim.statement): \(claim.measured)") }
    }
}
