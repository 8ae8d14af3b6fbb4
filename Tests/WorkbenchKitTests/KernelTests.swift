import XCTest
@testable import WorkbenchKit

/// The blocked kernels against the textbook triple loop, over sizes that hit every block and
/// remainder path (16-wide, 4-wide, scalar columns; paired and single rows) and beta != 0.
final class KernelTests: XCTestCase {
    func naive(_ m: Int, _ n: Int, _ k: Int, _ alpha: Double, _ a: (Int, Int) -> Double,
               _ b: (Int, Int) -> Double, _ beta: Double, _ c: [Double]) -> [Double] {
        var out = c
        for i in 0..<m { for j in 0..<n {
            var s = 0.0
            for p in 0..<k { s += a(i, p) * b(p, j) }
            out[i * n + j] = beta * c[i * n + j] + alpha * s
        } }
        return out
    }

    func testGemmVariantsMatchNaive() {
        var rng = SeededGenerator(seed: 4)
        for (m, n, k) in [(1, 1, 1), (2, 26, 50), (50, 26, 2), (3, 17, 5), (5, 37, 26), (2, 50, 26), (7, 4, 9),
                          (2, 5, 3), (3, 16, 4), (2, 32, 7), (4, 33, 6), (3, 3, 5), (2, 64, 3), (2, 35, 4), (3, 34, 2),
                          (15, 8, 40), (40, 8, 30), (9, 6, 7), (5, 12, 3), (6, 9, 11), (7, 16, 5), (15, 40, 8), (1, 7, 4)] {
            for beta in [0.0, 0.7] {
                let alpha = -1.3
                let (a, b, c) = randomOperands(m, n, k, &rng)   // a: m x k or k x m, b: k x n or n x k, c: m x n
                var out = c
                Kernels.gemmNN(m, n, k, alpha, a, b, beta, &out)
                let nn = naive(m, n, k, alpha, { a[$0 * k + $1] }, { b[$0 * n + $1] }, beta, c)
                for (x, y) in zip(out, nn) { XCTAssertEqual(x, y, accuracy: 1e-12, "NN \(m)x\(n)x\(k)") }
                out = c
                Kernels.gemmTN(m, n, k, alpha, a, b, beta, &out)
                let tn = naive(m, n, k, alpha, { a[$1 * m + $0] }, { b[$0 * n + $1] }, beta, c)
                for (x, y) in zip(out, tn) { XCTAssertEqual(x, y, accuracy: 1e-12, "TN \(m)x\(n)x\(k)") }
                out = c
                Kernels.gemmNT(m, n, k, alpha, a, b, beta, &out)
                let nt = naive(m, n, k, alpha, { a[$0 * k + $1] }, { b[$1 * k + $0] }, beta, c)
                for (x, y) in zip(out, nt) { XCTAssertEqual(x, y, accuracy: 1e-12, "NT \(m)x\(n)x\(k)") }
            }
        }
    }

    /// For n > 16 every entry of C = beta C + alpha A B is one chain, whatever SIMD block holds
    /// it: beta*C (or 0), then one FMA with alpha*a per p in order. Exact equality: the kernels'
    /// widths and row pairing may change, the numbers may not (figure data stays byte-identical).
    func testWideRowCombinationsAreOneFMAChainPerEntry() {
        var rng = SeededGenerator(seed: 11)
        for (m, n, k) in [(2, 26, 50), (50, 26, 2), (50, 26, 4), (3, 17, 5), (5, 37, 26), (4, 33, 6), (2, 64, 3),
                          (3, 34, 2), (15, 40, 8), (1, 100, 3), (7, 39, 5), (2, 78, 26)] {
            for beta in [0.0, 0.7] {
                let alpha = -1.3
                let (a, b, c) = randomOperands(m, n, k, &rng)   // a: m x k or k x m, b: k x n or n x k, c: m x n
                var out = c
                Kernels.gemmNN(m, n, k, alpha, a, b, beta, &out)
                for i in 0..<m { for j in 0..<n {
                    var s = beta != 0 ? beta * c[i * n + j] : 0
                    for p in 0..<k { s = s.addingProduct(alpha * a[i * k + p], b[p * n + j]) }
                    XCTAssertEqual(out[i * n + j], s, "NN \(m)x\(n)x\(k) entry (\(i), \(j))")
                } }
            }
        }
    }

    /// For 4 <= n <= 8 each entry sums its FMAs from 0 and only then scales: alpha x + beta C, as
    /// one FMA. Exact equality, whichever row group (eight rows of eight, four, one) computes it.
    func testNarrowRowCombinationsAreOneChainPerEntry() {
        var rng = SeededGenerator(seed: 13)
        for (m, n, k) in [(30, 8, 8), (17, 8, 15), (8, 8, 30), (9, 8, 3), (30, 7, 8), (5, 5, 4)] {
            for beta in [0.0, 0.7] {
                let alpha = -1.3
                let (a, b, c) = randomOperands(m, n, k, &rng)   // a: m x k or k x m, b: k x n or n x k, c: m x n
                var out = c
                Kernels.gemmNN(m, n, k, alpha, a, b, beta, &out)
                for i in 0..<m { for j in 0..<n {
                    var x = 0.0
                    for p in 0..<k { x = x.addingProduct(a[i * k + p], b[p * n + j]) }
                    let expected = (alpha * x).addingProduct(beta, beta == 0 ? 0 : c[i * n + j])
                    XCTAssertEqual(out[i * n + j], expected, "NN \(m)x\(n)x\(k) entry (\(i), \(j))")
                } }
            }
        }
    }

    /// gemmNT's dot products for pairs of rows (k > 12, or fewer than four columns) are, per entry, four lane
    /// chains over p mod 4 (the ragged end as the last four entries with the summed ones
    /// masked), the lanes added in order, then beta*C + alpha*d: exactly, in any column group.
    func testDotProductsAreFourLaneChainsPerEntry() {
        var rng = SeededGenerator(seed: 12)
        for (m, n, k) in [(2, 50, 26), (2, 50, 13), (4, 9, 16), (4, 7, 30), (2, 3, 17), (6, 12, 21)] {
            for beta in [0.0, 0.7] {
                let alpha = -1.3
                let (a, b, c) = randomOperands(m, n, k, &rng)
                var out = c
                Kernels.gemmNT(m, n, k, alpha, a, b, beta, &out)
                let full = k / 4 * 4
                for i in 0..<m { for j in 0..<n {
                    var lanes = [0.0, 0.0, 0.0, 0.0]
                    for p in 0..<full { lanes[p % 4] = lanes[p % 4].addingProduct(a[i * k + p], b[j * k + p]) }
                    if full < k {
                        for l in 0..<4 {
                            let p = k - 4 + l
                            lanes[l] = lanes[l].addingProduct(a[i * k + p], b[j * k + p] * (p >= full ? 1 : 0))
                        }
                    }
                    let d = ((lanes[0] + lanes[1]) + lanes[2]) + lanes[3]
                    let expected = beta == 0 ? alpha * d : beta * c[i * n + j] + alpha * d
                    XCTAssertEqual(out[i * n + j], expected, "NT \(m)x\(n)x\(k) entry (\(i), \(j))")
                } }
            }
        }
    }

    func testReductions() {
        let x = (0..<23).map { Double($0) - 7.5 }
        XCTAssertEqual(Kernels.sum(x, 23), x.reduce(0, +), accuracy: 1e-12)
        XCTAssertEqual(Kernels.sumOfSquares(x, 23), x.reduce(0) { $0 + $1 * $1 }, accuracy: 1e-12)
    }

    func testWeightedSquaresWithOffsetAndWeights() {
        let g = [0.3, -1.2, 2.0, 0.5, 1.1]
        let plain = WeightedSquares(range: 1..<5, offset: -1)
        XCTAssertEqual(plain.value(g), [-1.2, 2.0, 0.5, 1.1].reduce(0) { $0 + ($1 + 1) * ($1 + 1) }, accuracy: 1e-12)
        let weighted = WeightedSquares(range: 0..<2, offset: 0.5, weights: [2, 3])
        XCTAssertEqual(weighted.value(g), 2 * 0.04 + 3 * 1.7 * 1.7, accuracy: 1e-12)
    }

    /// Standard normal operands of an m x n x k product: A (m k entries), B (k n), C (m n).
    private func randomOperands(_ m: Int, _ n: Int, _ k: Int, _ rng: inout SeededGenerator) -> ([Double], [Double], [Double]) {
        let a = (0..<(m * k)).map { _ in rng.normal() }
        let b = (0..<(k * n)).map { _ in rng.normal() }
        return (a, b, (0..<(m * n)).map { _ in rng.normal() })
    }
}
