import WorkbenchKit

/// `weight-decay`: the schedule lambda(t) of an L2 weight decay as the control of a linear
/// regression trained on a small noisy sample (`DecayedRegression`), judged on the population.
/// Plain gradient descent (lambda = 0, the baseline) fits the sample's noise once it has learned
/// the teacher; the value V asks when decay is worth applying. Cost C = beta lambda^2, bounds
/// 0 <= lambda <= upper. Not in the paper: the README's worked example of adding an intervention.
public struct WeightDecayExperiment: Experiment {
    public let name = WeightDecayNames.weightDecay.text
    public let summary = "Example: optimal weight-decay schedule lambda(t) for linear regression on a small noisy sample"

    public var parameters: [ParameterSpec] {
        StandardParameters.specs(.init(steps: 1000, learningRate: 0.1, gamma: 0.99, beta: 0.01, controlRate: 20,
                                       iterations: 300, lower: 0, upper: 2))
        + [
            .of(WeightDecayKeys.inputs, default: 20),
            .of(WeightDecayKeys.examples, default: 30),
            .of(WeightDecayKeys.noise, default: 1),
        ]
    }

    public var presets: Presets {
        Presets(quick: [.set(.iterations, 100)])
    }

    public func prepare(_ p: ParameterValues, context: RunContext) throws -> PreparedRun {
        let sample = RegressionSample(inputs: p[WeightDecayKeys.inputs], examples: p[WeightDecayKeys.examples],
                                      noise: p[WeightDecayKeys.noise], seed: context.seed)
        let model = DecayedRegression(sample: sample)
        let cost = NormCost(.quadratic, beta: p[.beta], norm: WeightedSquares(range: 0..<1))
        let w0 = [Double](repeating: 0, count: sample.inputs)
        let engine = try StandardParameters.problem(p, dynamics: model, cost: cost, map: .perStep(initialState: w0))
        let bounds = p[.lower]...p[.upper], eta = p[.eta], beta = p[.beta]
        return try StandardParameters.run(p, engine: engine,
            describe: { trajectory, _ in
                var trainingLoss: [Double] = [], weightNorm: [Double] = []
                trajectory.forEachState { _, w in
                    trainingLoss.append(model.trainingLoss(w))
                    weightNorm.append((0..<sample.inputs).reduce(0) { $0 + w[$1] * w[$1] }.squareRoot())
                }
                return [SeriesColumn(WeightDecayNames.decay, trajectory.control),
                        SeriesColumn(WeightDecayNames.trainingLoss, trainingLoss),
                        SeriesColumn(WeightDecayNames.weightNorm, weightNorm)]
            },
            extraResults: { _, _ in
                var results: [String: Any] = [WeightDecayNames.bestConstantDecay.text: Self.bestConstantDecay(sample, eta: eta, beta: beta, in: bounds)]
                results[WeightDecayNames.leastSquaresLoss.text] = sample.populationLossOfRidgeFit(decay: 0)
                return results
            })
    }

    /// The constant decay in `bounds` (on a grid of 2001 values) whose ridge fit pays the least
    /// eta L + beta lambda^2 per unit time: once the weights have converged, V's integrand is
    /// -(eta L + C) at every step, so this is where an optimal schedule should settle.
    static func bestConstantDecay(_ s: RegressionSample, eta: Double, beta: Double, in bounds: ClosedRange<Double>) -> Double {
        let grid = (0...2000).map { bounds.lowerBound + (bounds.upperBound - bounds.lowerBound) * Double($0) / 2000 }
        let rates = grid.map { lambda in s.populationLossOfRidgeFit(decay: lambda).map { eta * $0 + beta * lambda * lambda } ?? .infinity }
        return grid[rates.indices.min { rates[$0] < rates[$1] }!]
    }
}
