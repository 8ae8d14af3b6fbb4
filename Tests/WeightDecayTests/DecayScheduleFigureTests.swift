@testable import FigureKit
import WeightDecay
import WeightDecayFigures
import XCTest

/// The plugin's figure is drawn by `workbench figures` from its registration alone, and its
/// caption's claims hold on the quick preset.
final class DecayScheduleFigureTests: XCTestCase {
    func testFigureIsDrawnAndItsClaimsPass() throws {
        let report = try drawFigures(of: WeightDecayPlugin.self)
        XCTAssertTrue(report.succeeded, "\(report.failed) \(report.skipped)")
        let made = try XCTUnwrap(report.made.first)
        XCTAssertEqual(made.files, ["weight-decay-schedule.png", "weight-decay-schedule_data.csv"])
        XCTAssertEqual(made.claims.count, 4)
        for claim in made.claims { XCTAssertEqual(claim.verdict, .pass, "\(claim.statement): \(claim.measured)") }
    }
}
