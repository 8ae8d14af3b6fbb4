import WorkbenchKit

/// Correlated Gaussians (paper eq. 94, reference AffineCorrelatedGaussian): y1 = +-1 with
/// probability 1/2, y2 = -y1 with probability p else y1, x_i ~ N(mu_i y_i, s_i^2), plus a
/// constant bias input x3 = 1 as the authors' code had (in = 3, out = 2).
public struct CorrelatedGaussian: ExampleSampler, Sendable {
    public let mu1: Double, mu2: Double
    public let s1: Double, s2: Double
    public let p: Double
    public var inputCount: Int { 3 }
    public var outputCount: Int { 2 }

    /// Paper defaults mu = (3, 1), s = (1, 1), p = 0.8.
    public init(mu1: Double = 3, mu2: Double = 1, s1: Double = 1, s2: Double = 1, p: Double = 0.8) throws {
        let name = "correlated Gaussian"
        try ParameterCheck.finite(mu1, "mu1", in: name)
        try ParameterCheck.finite(mu2, "mu2", in: name)
        try ParameterCheck.nonNegative(s1, "s1", in: name)
        try ParameterCheck.nonNegative(s2, "s2", in: name)
        try ParameterCheck.probability(p, "p", in: name)
        self.mu1 = mu1; self.mu2 = mu2; self.s1 = s1; self.s2 = s2; self.p = p
    }

    /// Exact moments; c = <y1 y2> = 1 - 2p couples everything across the two coordinates.
    /// The bias row of Sxy is zero and its Sx cross terms vanish because <x1> = <x2> = 0.
    public var statistics: TaskStatistics {
        let c = 1 - 2 * p
        let sx = [mu1 * mu1 + s1 * s1, mu1 * mu2 * c, 0,
                  mu1 * mu2 * c, mu2 * mu2 + s2 * s2, 0,
                  0, 0, 1]
        let sxy = [mu1, mu1 * c,
                   mu2 * c, mu2,
                   0, 0]
        return TaskStatistics(inputCount: 3, outputCount: 2, sx: sx, sxy: sxy, sy: [1, c, c, 1],
                              meanX: [0, 0, 1], meanY: [0, 0])
    }

    public var dataset: Dataset {
        Dataset(name: "gaussian", train: statistics, sampler: self)
    }

    public func draw(x: UnsafeMutablePointer<Double>, y: UnsafeMutablePointer<Double>,
                     using rng: inout SeededGenerator) {
        let y1: Double = rng.uniform() < 0.5 ? 1 : -1
        let y2 = rng.uniform() < p ? -y1 : y1
        y[0] = y1; y[1] = y2
        x[0] = rng.normal(mean: mu1 * y1, std: s1)
        x[1] = rng.normal(mean: mu2 * y2, std: s2)
        x[2] = 1
    }
}
