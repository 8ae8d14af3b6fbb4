import XCTest
import WorkbenchKit
@testable import Datasets
import TestSupport

final class ConcatenationTests: XCTestCase {
    func testConcatenatedMomentsMatchIndependentDraws() throws {
        // Non-zero means on both sides so the off-diagonal blocks are exercised.
        let a = try CorrelatedGaussian(mu1: 1, mu2: 2, s1: 0.5, s2: 0.5, p: 0.3)
        let b = try SemanticHierarchy(levels: 2)
        let joined = try TaskConcatenation([a.statistics, b.statistics])
        XCTAssertEqual(joined.inputRanges, [0..<3, 3..<5])
        XCTAssertEqual(joined.outputRanges, [0..<2, 2..<5])
        let sampler = ConcatenatedSampler([a, b])
        assertMatchesSampler(joined.statistics, sampler, count: 60_000, tolerance: 0.05)
        // Bias of task 0 (input 2) times feature root of task 1 (output 2): mux * muy = 1 * 1.
        XCTAssertEqual(joined.statistics.sxy[2 * 5 + 2], 1)
        // Per-task Sxy only fill their own columns and add up to the full Sxy.
        for e in 0..<(5 * 5) {
            XCTAssertEqual(joined.perTaskSxy[0][e] + joined.perTaskSxy[1][e], joined.statistics.sxy[e])
            if e % 5 >= 2 { XCTAssertEqual(joined.perTaskSxy[0][e], 0) } else { XCTAssertEqual(joined.perTaskSxy[1][e], 0) }
        }
        XCTAssertEqual(joined.perTaskSy[1][2 * 5 + 2], b.statistics.sy[0])
        XCTAssertEqual(joined.perTaskSy[0][2 * 5 + 2], 0)
        assertWorkbenchError(try TaskConcatenation([]), contains: ["no tasks"])
    }

    func testIndependentTasksAddTheirMinimumLosses() throws {
        // Task k's inputs carry no information about task j's targets beyond a constant, so
        // the best linear fit of the joint task is the per-task fits side by side.
        let a = try TwoClassGaussian(mu: 1.5, sigma: 0.8).statistics
        let b = try CorrelatedGaussian(mu1: 1, mu2: 2, s1: 0.5, s2: 0.5, p: 0.3).statistics
        let joined = try TaskConcatenation([a, b]).statistics
        let sum = try MinimumLinearError.loss(a) + MinimumLinearError.loss(b)
        XCTAssertEqual(try MinimumLinearError.loss(joined), sum, accuracy: 1e-12)
    }

    func testMNIST3HasTheTaskEngagementShape() throws {
        let parts = try MNIST.loadTasks(directory: try bundledMNISTDirectory(), split: .test, tasks: [[0, 1], [7, 1], [8, 9]])
        let joined = try Dataset.concatenating(parts)
        XCTAssertEqual(joined.train.inputCount, 78)
        XCTAssertEqual(joined.train.outputCount, 6)
        XCTAssertEqual(joined.outputGroups, [0, 0, 1, 1, 2, 2])
        XCTAssertEqual(joined.classNames, ["mnist(0,1):0", "mnist(0,1):1", "mnist(7,1):7", "mnist(7,1):1", "mnist(8,9):8", "mnist(8,9):9"])
        // Each task's diagonal block is its own statistics; the three biases are all 1.
        let s = joined.train, t = parts[2].train
        for i in 0..<26 { for j in 0..<26 { XCTAssertEqual(s.sx[(52 + i) * 78 + 52 + j], t.sx[i * 26 + j]) } }
        XCTAssertEqual(s.sx[25 * 78 + 51], 1, accuracy: 1e-14)
        // Three identical bias inputs make the joint Sx singular, and L* says which input.
        assertWorkbenchError(try MinimumLinearError.loss(s), contains: ["singular", "pivot 51"])
    }
}
