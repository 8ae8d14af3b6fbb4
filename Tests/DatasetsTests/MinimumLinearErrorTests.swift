import XCTest
import WorkbenchKit
@testable import Datasets
import TestSupport

final class MinimumLinearErrorTests: XCTestCase {
    func testCholeskySolvesAndReportsSingularity() throws {
        let a: [Double] = [4, 2, 0, 2, 5, 1, 0, 1, 3]
        let x: [Double] = [1, -2, 0.5, 3, 2, 1]  // 3 x 2
        var b = [Double](repeating: 0, count: 6)
        for i in 0..<3 { for c in 0..<2 { for k in 0..<3 { b[i * 2 + c] += a[i * 3 + k] * x[k * 2 + c] } } }
        assertClose(try Cholesky(a, size: 3).solve(b, columns: 2), x, tolerance: 1e-14, "solution")
        assertWorkbenchError(try Cholesky([1, 2, 2, 4], size: 2, name: "Sx"), contains: ["Sx is singular", "pivot 1"])
        assertWorkbenchError(try Cholesky([1, .nan, .nan, 1], size: 2, name: "Sx"), contains: ["NaN"])
    }

    func testLinearlySolvableTaskHasZeroLossAndNoiseGivesKnownFloor() throws {
        // Single neuron: W* = mu/(mu^2+sigma^2) and L* = sigma^2 / (2 (mu^2 + sigma^2)).
        let s = try TwoClassGaussian(mu: 2, sigma: 1).statistics
        XCTAssertEqual(try MinimumLinearError.loss(s), 0.1, accuracy: 1e-15)
        assertClose(try MinimumLinearError.optimalMap(s), [0.4], tolerance: 1e-15, "W*")
        // One-hot items with their own features are fit exactly.
        XCTAssertEqual(try MinimumLinearError.loss(SemanticHierarchy(levels: 4).statistics), 0, accuracy: 1e-13)
    }

    func testPaperPairsAreOrderedAndInThePapersRange() throws {
        let images = try MNISTImages(directory: try bundledMNISTDirectory(), split: .test)
        let table = try DigitPairTable(moments: DigitMoments(examples: MNISTExamples(images: images)))
        let l01 = table.values[0][1]!, l71 = table.values[7][1]!, l89 = table.values[8][9]!
        print(String(format: "L* on the test split: (0,1) %.5f  (7,1) %.5f  (8,9) %.5f", l01, l71, l89))
        print(table.text)
        // Paper App. K.4 (train split): 0.02, 0.036, 0.055.
        XCTAssertLessThan(l01, l71)
        XCTAssertLessThan(l71, l89)
        XCTAssertEqual(l01, 0.02, accuracy: 0.004)
        XCTAssertEqual(l71, 0.036, accuracy: 0.004)
        XCTAssertEqual(l89, 0.055, accuracy: 0.004)
        // numpy/skimage on the same split gave 0.018441672280919308, 0.03746693409922275, 0.054460041290978034.
        XCTAssertEqual(l01, 0.018441672280919308, accuracy: 1e-9)
        XCTAssertEqual(l71, 0.03746693409922275, accuracy: 1e-9)
        XCTAssertEqual(l89, 0.054460041290978034, accuracy: 1e-9)
        // Paper App. K.5's easy-to-hard digit order (Fig. 18b).
        XCTAssertEqual(table.easiestFirst, [0, 6, 1, 4, 7, 9, 2, 3, 8, 5])
        for a in 0..<10 {
            XCTAssertNil(table.values[a][a])
            for b in 0..<10 where a != b { XCTAssertEqual(table.values[a][b], table.values[b][a]) }
        }
        // The single-pair path agrees with the table and orders its columns as asked.
        let pair = try DigitPairLoss(moments: DigitMoments(examples: MNISTExamples(images: images, digits: [7, 1])), digits: [7, 1])
        XCTAssertEqual(pair.minimumLoss, l71, accuracy: 1e-12)
        XCTAssertEqual(pair.digitCounts, [images.digitCounts[7], images.digitCounts[1]])
        XCTAssertTrue(pair.text.contains("L*(7,1) = 0.0374"))
        let json = try pair.json()
        XCTAssertEqual(try JSONDecoder().decode(DigitPairLoss.self, from: Data(json.utf8)), pair)
        let tableJSON = try table.json()
        XCTAssertTrue(tableJSON.contains("null"))
        XCTAssertEqual(try JSONDecoder().decode(DigitPairTable.self, from: Data(tableJSON.utf8)), table)
    }
}
