import WorkbenchKit

/// The single neuron's task (paper Sec. 2.1): y = +1 or -1 with probability 1/2 and
/// x ~ N(mu*y, sigma^2), one input and no bias. Its moments are known in closed form, so the
/// engine can use exact statistics while SGD simulations draw from the same distribution.
public struct TwoClassGaussian: ExampleSampler, Sendable {
    public let mu: Double
    public let sigma: Double
    public var inputCount: Int { 1 }
    public var outputCount: Int { 1 }

    /// Paper defaults mu = 2, sigma = 1 (reference notes §3).
    public init(mu: Double = 2, sigma: Double = 1) throws {
        try ParameterCheck.finite(mu, "mu", in: "two-class Gaussian")
        try ParameterCheck.nonNegative(sigma, "sigma", in: "two-class Gaussian")
        self.mu = mu
        self.sigma = sigma
    }

    /// <x^2> = mu^2 + sigma^2, <x y> = mu (y^2 = 1 cancels the sign), <y^2> = 1; means are zero
    /// because the two classes are symmetric.
    public var statistics: TaskStatistics {
        TaskStatistics(inputCount: 1, outputCount: 1, sx: [mu * mu + sigma * sigma], sxy: [mu],
                       sy: [1], meanX: [0], meanY: [0])
    }

    /// Statistics conditional on y = +1 and on y = -1 (in that order): x y has the same
    /// distribution in both classes, only the means flip sign.
    public var classStatistics: [TaskStatistics] {
        [1.0, -1.0].map { y in
            TaskStatistics(inputCount: 1, outputCount: 1, sx: [mu * mu + sigma * sigma], sxy: [mu],
                           sy: [1], meanX: [mu * y], meanY: [y])
        }
    }

    public var dataset: Dataset {
        Dataset(name: "gaussian-1d", train: statistics, sampler: self, classNames: ["+1", "-1"],
                classStatistics: classStatistics, classProbabilities: [0.5, 0.5])
    }

    public func draw(x: UnsafeMutablePointer<Double>, y: UnsafeMutablePointer<Double>,
                     using rng: inout SeededGenerator) {
        let label: Double = rng.uniform() < 0.5 ? 1 : -1
        y[0] = label
        x[0] = rng.normal(mean: mu * label, std: sigma)
    }
}
