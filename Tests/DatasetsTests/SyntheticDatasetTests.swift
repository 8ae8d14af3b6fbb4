import XCTest
import WorkbenchKit
@testable import Datasets

final class SyntheticDatasetTests: XCTestCase {
    func testTwoClassGaussianClosedFormAndSampler() throws {
        let task = try TwoClassGaussian(mu: 2, sigma: 1)
        XCTAssertEqual(task.statistics.sx, [5])
        XCTAssertEqual(task.statistics.sxy, [2])
        XCTAssertEqual(task.statistics.sy, [1])
        // Standard error of <x^2> is ~ sqrt(Var(x^2)/n) ~ 0.02 at n = 1e5; 0.1 is ~5 sigma.
        assertMatchesSampler(task.statistics, task, count: 100_000, tolerance: 0.1)
        XCTAssertEqual(task.dataset.classProbabilities, [0.5, 0.5])
        XCTAssertEqual(task.classStatistics.map(\.meanX), [[2], [-2]])
    }

    func testCorrelatedGaussianPaperValues() throws {
        // Reference notes §4: paper defaults give Sx = [[10,-1.8,0],[-1.8,2,0],[0,0,1]].
        let s = try CorrelatedGaussian().statistics
        assertClose(s.sx, [10, -1.8, 0, -1.8, 2, 0, 0, 0, 1], tolerance: 1e-14, "Sx")
        assertClose(s.sxy, [3, -1.8, -0.6, 1, 0, 0], tolerance: 1e-14, "Sxy")
        assertClose(s.sy, [1, -0.6, -0.6, 1], tolerance: 1e-14, "Sy")
        XCTAssertEqual(s.meanX, [0, 0, 1])
    }

    func testCorrelatedGaussianMatchesItsSampler() throws {
        for p in [0.8, 0.5, 0.1] {
            let task = try CorrelatedGaussian(mu1: 3, mu2: -1.5, s1: 0.7, s2: 1.3, p: p)
            assertMatchesSampler(task.statistics, task, count: 100_000, tolerance: 0.12)
        }
    }

    func testSemanticHierarchyMatchesPaperEquation95() throws {
        // h = 3: Sxy^T (features x items) is eq. 95's matrix, up to the 1/P of equal item weights.
        let task = try SemanticHierarchy(levels: 3)
        XCTAssertEqual(task.itemCount, 4)
        XCTAssertEqual(task.featureCount, 7)
        let eq95: [[Double]] = [[1, 1, 1, 1], [1, 1, 0, 0], [0, 0, 1, 1],
                                [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]
        let s = task.statistics
        for f in 0..<7 { for item in 0..<4 { XCTAssertEqual(s.sxy[item * 7 + f] * 4, eq95[f][item]) } }
        XCTAssertEqual(task.featureLevels, [0, 1, 1, 2, 2, 2, 2])
        XCTAssertEqual(task.dataset.outputGroups, [0, 1, 1, 2, 2, 2, 2])
        // Sy = H^T H / P: the root is shared by all items, level-1 nodes by half of them.
        XCTAssertEqual(s.sy[0], 1)
        XCTAssertEqual(s.sy[1 * 7 + 1], 0.5)
        XCTAssertEqual(s.sy[1 * 7 + 2], 0)
        XCTAssertEqual(s.meanY, [1, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25])
    }

    func testSemanticHierarchyPaperSizeMatchesItsSampler() throws {
        let task = try SemanticHierarchy(levels: 4)
        XCTAssertEqual(task.inputCount, 8)
        XCTAssertEqual(task.outputCount, 15)
        assertMatchesSampler(task.statistics, task, count: 40_000, tolerance: 0.02)
    }

    func testBadParametersAreOneLineErrors() {
        assertWorkbenchError(try TwoClassGaussian(mu: .nan), contains: ["mu", "finite"])
        assertWorkbenchError(try TwoClassGaussian(sigma: -1), contains: ["sigma", ">= 0"])
        assertWorkbenchError(try CorrelatedGaussian(p: 1.5), contains: ["p = 1.5", "[0, 1]"])
        assertWorkbenchError(try CorrelatedGaussian(s2: .infinity), contains: ["s2"])
        assertWorkbenchError(try SemanticHierarchy(levels: 0), contains: ["levels = 0", "1...10"])
    }
}
