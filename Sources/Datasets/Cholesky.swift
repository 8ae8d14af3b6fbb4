import WorkbenchKit

/// Cholesky factorisation of a symmetric positive-definite matrix (A = L L^T), enough for the
/// normal equations Sx W^T = Sxy: second-moment matrices are SPD unless an input is redundant,
/// and then the user should hear which input rather than receive a meaningless W*.
public struct Cholesky {
    public let size: Int
    /// L, lower triangle, row-major (upper part zero).
    let lower: [Double]

    /// A pivot below `relativeTolerance` x (largest diagonal entry) counts as singular.
    public init(_ a: [Double], size n: Int, name: String = "matrix", relativeTolerance: Double = 1e-12) throws {
        guard a.count == n * n, n > 0 else {
            throw WorkbenchError("\(name): \(a.count) entries do not form a non-empty \(n) x \(n) matrix")
        }
        guard a.allSatisfy({ $0.isFinite }) else {
            throw WorkbenchError("\(name) contains NaN or infinite entries; expected finite values")
        }
        let scale = (0..<n).map { a[$0 * n + $0] }.max() ?? 0
        guard scale > 0 else {
            // Not one redundant input but none at all (e.g. all-blank images): say so.
            throw WorkbenchError("\(name) is zero (every input is 0 in every example); expected inputs that are not all zero")
        }
        var l = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            var d = a[j * n + j]
            for k in 0..<j { d -= l[j * n + k] * l[j * n + k] }
            guard d > relativeTolerance * scale else {
                // A zero diagonal entry is an input that is 0 in every example (blank pixels), not a combination.
                let cause = a[j * n + j] <= relativeTolerance * scale
                    ? "input \(j) is 0 in every example" : "input \(j) is a linear combination of the inputs before it"
                throw WorkbenchError("\(name) is singular or not positive definite: pivot \(j) is \(d) (largest diagonal \(scale)); \(cause)")
            }
            let root = d.squareRoot()
            l[j * n + j] = root
            for i in (j + 1)..<n {
                var s = a[i * n + j]
                for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = s / root
            }
        }
        size = n
        lower = l
    }

    /// Solves A X = B for B with `columns` columns (size x columns, row-major).
    public func solve(_ b: [Double], columns m: Int) -> [Double] {
        precondition(b.count == size * m, "Cholesky.solve: right-hand side has the wrong shape")
        let n = size
        var x = b
        for c in 0..<m {
            // Forward substitution L z = b, then back substitution L^T x = z.
            for i in 0..<n {
                var s = x[i * m + c]
                for k in 0..<i { s -= lower[i * n + k] * x[k * m + c] }
                x[i * m + c] = s / lower[i * n + i]
            }
            for i in stride(from: n - 1, through: 0, by: -1) {
                var s = x[i * m + c]
                for k in (i + 1)..<n { s -= lower[k * n + i] * x[k * m + c] }
                x[i * m + c] = s / lower[i * n + i]
            }
        }
        return x
    }
}
