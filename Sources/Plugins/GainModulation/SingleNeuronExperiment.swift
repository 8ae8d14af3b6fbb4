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
            .real("mu", 2, "mean of the Gaussians (+-mu)"),
            .real("sigma", 1, "input noise sigma_x", range: 0...1e6),
            .real("lambda", 0.1, "L2 regularisation lambda", range: 0...1e6),
            .real("w0", 0, "initial weight w(0)"),
            .choice("cost", "quadratic", ["quadratic", "exponential"],
                    "control cost: quadratic beta g^2 (Sec. 2.1) or exp(beta g^2) - 1"),
            .integer("sgd_runs", 5, "SGD simulations of the real neuron (0 = none)", range: 0...1000),
            .integer("batch", 128, "SGD batch size", range: 1...1_000_000),
        ]
    }

    public var presets: [String: [String: String]] {
        ["paper": [:], "quick": ["iterations": "300", "sgd_runs": "3"]]
    }

    public func prepare(_ p: ParameterValues, context: RunContext) throws -> PreparedRun {
        let task = try TwoClassGaussian(mu: p.double("mu"), sigma: max(p.double("sigma"), 1e-12))
        let model = SingleNeuron(mu: p.double("mu"), sigma: p.double("sigma"), lambda: p.double("lambda"))
        let cost = NormCost(p.string("cost") == "quadratic" ? .quadratic : .exponential, beta: p.double("beta"),
                            norm: WeightedSquares(range: 0..<1))
        let w0 = [p.double("w0")]
        let engine = try StandardParameters.problem(p, dynamics: model, cost: cost, map: .perStep(initialState: w0))
        let steps = p.int("steps")
        var rng = SeededGenerator(seed: context.seed)
        // The authors' initialisation: g ~ N(0, 1e-3), then clamped to the bounds.
        let initial = (0..<steps).map { _ in rng.normal(mean: 0, std: 1e-3) }
        let runs = p.int("sgd_runs"), batch = p.int("batch"), lr = p.double("learning_rate"), seed = context.seed
        return PreparedRun(
            engine: engine, initialControl: initial, baselineControl: [Double](repeating: 0, count: steps),
            optimizer: try StandardParameters.optimizer(p),
            describe: { engine, theta in
                var w = [Double](repeating: 0, count: engine.steps)
                engine.forEachState(of: theta) { i, state in w[i] = state[0] }
                return [SeriesColumn(GainModulationNames.gain, theta), SeriesColumn(GainModulationNames.weight, w),
                        SeriesColumn(GainModulationNames.effectiveWeight, zip(w, theta).map { $0 * (1 + $1) })]
            },
            simulate: runs == 0 ? nil : { theta in
                simulateSGD(model: model, samplerFor: { _ in task }, steps: steps, learningRate: lr, batch: batch,
                            controls: theta, initialState: w0, runs: runs, seed: seed).columns
            })
    }
}
