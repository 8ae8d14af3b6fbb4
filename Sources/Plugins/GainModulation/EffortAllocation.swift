import Datasets
import WorkbenchKit

/// `effort-allocation`: per-synapse (or per-neuron) gains on both layers of the two-layer linear
/// network, eq. 7 with cost exp(beta (|G1|^2 + |G2|^2)) - 1 (Sec. 6, Figs. 5a-d, 11-15, Table 5).
public struct EffortAllocationExperiment: Experiment {
    public init() {}
    public let name = GainModulationNames.effortAllocation.text
    /// 1: traced weights are those that change most (`TracedWeights`), not evenly spaced.
    public let outputRevision = 1
    public let summary = "Sec. 6: gain modulation G1(t), G2(t) of a two-layer net on Gaussian/semantic/MNIST (Figs. 5, 11-15)"

    public var parameters: [ParameterSpec] {
        StandardParameters.specs(.init(steps: 16000, learningRate: 0.005, beta: 0.3, controlRate: 10,
                                       iterations: 1000, lower: -0.5, upper: 0.5))
        + GainTask.parameterSpecs
        + [
            .of(.hidden, default: 0, help: "hidden units H (0 = Table 5: gaussian 6, semantic 30, mnist 50)", range: 0...10_000),
            .of(.lambda, default: 0.01),
            .of(GainKeys.noise, default: 0),
            .of(.weightInitStd, default: 0, help: "weight init std (0 = 0.01; semantic 1e-4)"),
            .of(GainKeys.basis, default: .synapse),
            .of(.sgdRuns, default: 0),
            .of(.batch, default: 32),
            .of(.traced, default: 6, help: "weights (those changing most) and their gains traced individually per layer in series.csv"),
        ]
    }

    public var presets: Presets {
        // Quick covers the paper's whole learning time t = 16000 x 0.005 = 80 in 2000 Euler steps of
        // 0.04 (same discount per unit time; control_lr scaled by 0.005/0.04 so each update moves g
        // as far): shorter horizons end before the semantic task leaves its first plateau.
        Presets(quick: [.set(.learningRate, 0.04), .set(.steps, 2000), .set(.controlRate, 1.25), .set(.iterations, 100)])
    }

    public func needsMNIST(_ p: ParameterValues) -> Bool { p[GainKeys.dataset] == .mnist }

    public func prepare(_ p: ParameterValues, context: RunContext) throws -> PreparedRun {
        let task = p[GainKeys.dataset]
        let data = try task.load(p, context: context)
        let hidden = p[.hidden] == 0 ? task.paperHidden : p[.hidden]
        let layout: TwoLayerNetwork.GainLayout = p[GainKeys.basis] == .neuron ? .perNeuron : .perSynapse
        let net = TwoLayerNetwork(configuration: .init(hidden: hidden, lambda: p[.lambda],
                                                       outputNoise: p[GainKeys.noise], gains1: layout, gains2: layout),
                                  task: data.train)
        let cost = NormCost(.exponential, beta: p[.beta], norm: gainNorm(net))
        var rng = SeededGenerator(seed: context.seed)
        let std = p[.weightInitStd] == 0 ? task.initStd : p[.weightInitStd]
        let w0 = net.randomInitialState(std: std, using: &rng)
        let engine = try StandardParameters.problem(p, dynamics: net, cost: cost, map: .perStep(initialState: w0))
        let steps = p[.steps]
        let initial = rng.normals(steps * net.controlCount, std: 1e-3)
        let traced = p[.traced]
        return PreparedRun(
            engine: engine, initialControl: initial,
            optimizer: try StandardParameters.optimizer(p),
            describe: { trajectory, baseline in
                TwoLayerColumns.describe(net, trajectory: trajectory, baseline: baseline, traced: traced)
            },
            sgd: SGDReplay(model: net, sampler: { _ in data.sampler }, initialState: w0, p, context: context),
            extraResults: { _, _ in ["dataset": data.name, "hidden": hidden, "inputs": net.inputs, "outputs": net.outputs] })
    }
}

/// |G1|_F^2 + |G2|_F^2 in terms of the control vector: a neuron coefficient stands for a whole row.
func gainNorm(_ net: TwoLayerNetwork) -> WeightedSquares {
    let cfg = net.configuration
    var weights: [Double] = []
    weights += [Double](repeating: cfg.gains1 == .perNeuron ? Double(net.inputs) : 1, count: net.gain1Range.count)
    weights += [Double](repeating: cfg.gains2 == .perNeuron ? Double(net.hidden) : 1, count: net.gain2Range.count)
    let allOnes = weights.allSatisfy { $0 == 1 }
    return WeightedSquares(range: net.gain1Range.lowerBound..<net.gain2Range.upperBound, weights: allOnes ? nil : weights)
}
