import XCTest
@testable import WorkbenchKit

/// Figs. 13-15, 20: the traced weights are those that change most, chosen once per run.
final class TracedWeightsTests: XCTestCase {
    func testChoosesLargestChangePerLayerOnceLargestFirst() {
        // 3 steps, n = 5 weights: W1 = entries 0..<3, W2 = 3..<5.
        let start: [Double] = [0, 1, 0, 0, 0]
        let end: [Double] = [0.1, -2, 0.5, 0.3, -0.4]
        let selection = TracedWeights(count: 2)
        selection.choose(states: start + start + end, steps: 3, n: 5, split: 3)
        XCTAssertEqual(selection.layer1, [1, 2])   // |change| 3, 0.5 (entry 0: 0.1)
        XCTAssertEqual(selection.layer2, [1, 0])   // |change| 0.4, 0.3
        // A second trajectory (the control) keeps the choice, so the columns match.
        selection.choose(states: end + end + start, steps: 3, n: 5, split: 3)
        XCTAssertEqual(selection.layer1, [1, 2])
    }
}
