import Datasets
import WorkbenchKit

/// `single-neuron`: gain modulation of one neuron on two Gaussians (Sec. 2.1, Fig. 2, Table 1).
public struct SingleNeuronExperiment: Experiment {
    public init() {}
    public let name = GainModulationNames.singleNeuron.text
    public let summary = "Sec. 2.1: optimal gain g(t) of a single neuron on two Gaussians (Figs. 2, 10)"

    public var parameters: [ParameterSpec] {
        StandardParameters.specs(.init(steps: 600, learningRate: 0.001, beta: 0.3, controlRate: 10,
                                       iterations: 700, lower: 0, upper: 0.5))
        + [
            .of(GainKeys.mu, default: 2),
            .of(GainKeys.sigma, default: 1),
            .of(.lambda, default: 0.1),
            .of(GainKeys.initialWeight, default: 0),
            .of(.cost, default: .quadratic, help: "control cost: quadratic beta g^2 (Sec. 2.1) or exp(beta g^2) - 1"),
            .of(.sgdRuns, default: 5, help: "SGD simulations of the real neuron (0 = none)"),
            .of(.batch, default: 128),
        ]
    }

    public var presets: Presets {
        Presets(quick: [.set(.iterations, 300), .set(.sgdRuns, 3)])
    }

    public func prepare(_ p: ParameterValues, context: RunContext) throws -> PreparedRun {
        let task = try TwoClassGaussian(mu: p[GainKeys.mu], sigma: max(p[GainKeys.sigma], 1e-12))
        let model = SingleNeuron(mu: p[GainKeys.mu], sigma: p[GainKeys.sigma], lambda: p[.lambda])
        let cost = NormCost(p[.cost].shape, beta: p[.beta],
                            norm: WeightedSquares(range: 0..<1))
        let w0 = [p[GainKeys.initialWeight]]
        let engine = try StandardParameters.problem(p, dynamics: model, cost: cost, map: .perStep(initialState: w0))
        let steps = p[.steps]
        var rng = SeededGenerator(seed: context.seed)
        // The authors' initialization: g ~ N(0, 1e-3), then clamped to the bounds.
        let initial = rng.normals(steps, std: 1e-3)
        return PreparedRun(
            engine: engine, initialControl: initial,
            optimizer: try StandardParameters.optimizer(p),
            describe: { trajectory, _ in
                var w = [Double](repeating: 0, count: trajectory.steps)
                trajectory.forEachState { i, state in w[i] = state[0] }
                return [SeriesColumn(GainModulationNames.gain, trajectory.control), SeriesColumn(GainModulationNames.weight, w),
                        SeriesColumn(GainModulationNames.effectiveWeight, zip(w, trajectory.control).map { $0 * (1 + $1) })]
            },
            sgd: SGDReplay(model: model, sampler: { _ in task }, initialState: w0, p, context: context))
    }
}
