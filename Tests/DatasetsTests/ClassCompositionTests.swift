import XCTest
import Datasets
import WorkbenchKit

final class ClassCompositionTests: XCTestCase {
    func testLargestRemaindersKeepBatchSizeAndRotateTies() throws {
        XCTAssertEqual(try largestRemainderCounts(weights: [1, 1, 2], batch: 8), [2, 2, 4])
        XCTAssertEqual(try largestRemainderCounts(weights: [1.2, 0.9, 0.9], batch: 10), [4, 3, 3])
        // 10 classes, 256 examples: 6 classes get 26, which 6 depends on the offset.
        let a = try largestRemainderCounts(weights: [Double](repeating: 1, count: 10), batch: 256, tieOffset: 0)
        let b = try largestRemainderCounts(weights: [Double](repeating: 1, count: 10), batch: 256, tieOffset: 7)
        XCTAssertEqual(a.reduce(0, +), 256); XCTAssertEqual(b.reduce(0, +), 256)
        XCTAssertEqual(a, [26, 26, 26, 26, 26, 26, 25, 25, 25, 25])
        XCTAssertEqual(b, [26, 26, 26, 25, 25, 25, 25, 26, 26, 26])
        XCTAssertThrowsError(try largestRemainderCounts(weights: [0, 0], batch: 4))
        XCTAssertThrowsError(try largestRemainderCounts(weights: [1, -1], batch: 4))
    }

    func testSamplerDrawsTheRequestedComposition() throws {
        // Example e has input (e, 1) and class e mod 3.
        let table = try OneHotTableSampler(inputCount: 2, outputCount: 3, inputs: (0..<30).flatMap { [Double($0), 1] },
                                           classes: (0..<30).map { $0 % 3 })
        let sampler = try ClassConditionalTable(table).sampler(counts: [1, 0, 4])
        var rng = SeededGenerator(seed: 1)
        var x = [0.0, 0.0], y = [0.0, 0.0, 0.0]
        for _ in 0..<3 {
            var seen = [0, 0, 0]
            for _ in 0..<5 {
                sampler.draw(x: &x, y: &y, using: &rng)
                let c = y.firstIndex(of: 1)!
                seen[c] += 1
                XCTAssertEqual(Int(x[0]) % 3, c, "the input belongs to the drawn class")
            }
            XCTAssertEqual(seen, [1, 0, 4])
        }
    }
}
