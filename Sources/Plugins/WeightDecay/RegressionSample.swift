import Datasets
import WorkbenchKit

/// The data of the weight-decay example: a teacher w* of unit length, n training inputs
/// x ~ N(0, I_d) labeled y = w* . x + noise (std sigma), and the moments of that sample that
/// gradient descent on the mean squared error sees. With n not much larger than d the sample's
/// moments differ from the population's, which is what a network can overfit.
public struct RegressionSample {
    public let inputs: Int
    public let examples: Int
    public let noise: Double
    /// w*, |w*| = 1.
    public let teacher: [Double]
    /// A = X^T X / n (d x d, row-major) and b = X^T y / n: the training set's moments.
    public let inputMoments: [Double]
    public let inputOutputMoments: [Double]
    /// mean y^2 over the training set.
    public let outputMoment: Double

    public init(inputs d: Int, examples n: Int, noise: Double, seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let raw = (0..<d).map { _ in rng.normal() }
        let length = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let teacher = raw.map { $0 / length }
        var a = [Double](repeating: 0, count: d * d), b = [Double](repeating: 0, count: d), yy = 0.0
        for _ in 0..<n {
            let x = (0..<d).map { _ in rng.normal() }
            let y = zip(teacher, x).reduce(0) { $0 + $1.0 * $1.1 } + noise * rng.normal()
            for r in 0..<d {
                b[r] += x[r] * y / Double(n)
                for c in 0..<d { a[r * d + c] += x[r] * x[c] / Double(n) }
            }
            yy += y * y / Double(n)
        }
        self.inputs = d; self.examples = n; self.noise = noise; self.teacher = teacher
        inputMoments = a; inputOutputMoments = b; outputMoment = yy
    }
}

public extension RegressionSample {
    /// The population loss 1/2 |w - w*|^2 + 1/2 sigma^2 of the ridge fit w = (A + lambda I)^-1 b: where
    /// gradient descent with a constant decay lambda ends. Nil when A + lambda I is singular (n < d, lambda = 0).
    func populationLossOfRidgeFit(decay lambda: Double) -> Double? {
        var a = inputMoments
        for k in 0..<inputs { a[k * inputs + k] += lambda }
        guard let factor = try? Cholesky(a, size: inputs) else { return nil }
        let w = factor.solve(inputOutputMoments, columns: 1)
        return 0.5 * zip(w, teacher).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } + 0.5 * noise * noise
    }
}
