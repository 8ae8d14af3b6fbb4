import Datasets
import WorkbenchKit

/// `learning-rate`: the learning rate alpha(t) = (1 + rho(t)) alpha of a two-layer linear network
/// on the semantic hierarchy is the control (eqs. 28-29): rho multiplies the whole update,
/// weight decay included. Cost C = beta (rho - offset)^2 (offset 0: the baseline rate is free;
/// offset -1: any learning costs). Adam (amsgrad) on V, bounds [-1, 1] (Table 3, Figs. 3c-d, 8).
///
/// The paper's sweeps (gamma in linspace(0.6, 1, 10) and beta in linspace(1e-3, 2, 10), each for
/// both offsets) are runs of this experiment with `--set gamma=...`, `--set beta=...`,
/// `--set offset=...`. Following the authors' scripts at HEAD, rho starts at the offset (so with
/// offset -1 the initial effective rate is 0) unless `init=zero`. The paper's figures were made at
/// older commits with rho starting at 0, and `workbench figures` does the same: at the paper's sizes,
/// rho = -1 leaves the small initial weights still, so dV/drho (~1e-10) sits below Adam's epsilon.
public struct LearningRateExperiment: Experiment {
    public init() {}
    public let name = BilevelNames.learningRate.text
    public let summary = "Sec. 4, App. F.2: optimal learning-rate schedule rho(t) on the semantic task, cost beta(rho-offset)^2 (Figs. 3c-d, 8)"

    public var parameters: [ParameterSpec] {
        StandardParameters.specs(.init(steps: 18000, learningRate: 0.005, gamma: 1, beta: 1, controlRate: 0.005,
                                       iterations: 800, optimizer: .adam, lower: -1, upper: 1))
        + [
            .of(BilevelKeys.offset, default: 0),
            .of(BilevelKeys.initialRho, default: .offset),
            .of(.levels, default: 4),
            .of(.hidden, default: 40, help: "hidden units H (Table 3)"),
            .of(.lambda, default: 0),
            .of(.weightInitStd, default: 1e-4, help: "weight init std (small: the rich, step-like regime)"),
            .of(.sgdRuns, default: 0, help: "SGD replays of the real network with rate (1+rho) alpha (0 = none)"),
            .of(.batch, default: 32),
            .of(BilevelKeys.adamEpsilon, default: 1e-8),
        ]
    }

    public var presets: Presets {
        Presets(quick: [.set(.steps, 1500), .set(.iterations, 100), .set(.learningRate, 0.008), .set(.hidden, 12),
                        .set(.levels, 3), .set(.controlRate, 0.02), .set(.weightInitStd, 0.01)])
    }

    public func prepare(_ p: ParameterValues, context: RunContext) throws -> PreparedRun {
        let task = try SemanticHierarchy(levels: p[.levels])
        let data = task.dataset
        let net = TwoLayerNetwork(configuration: .init(hidden: p[.hidden], lambda: p[.lambda],
                                                       learningRate: true),
                                  task: data.train)
        let offset = p[BilevelKeys.offset]
        let cost = NormCost(.quadratic, beta: p[.beta], norm: WeightedSquares(range: net.rateRange, offset: offset))
        var rng = SeededGenerator(seed: context.seed)
        let w0 = net.randomInitialState(std: p[.weightInitStd], using: &rng)
        let engine = try StandardParameters.problem(p, dynamics: net, cost: cost, map: .perStep(initialState: w0))
        let steps = p[.steps], alpha = p[.learningRate]
        let start = p[BilevelKeys.initialRho] == .offset ? offset : 0
        return PreparedRun(
            engine: engine,
            initialControl: [Double](repeating: start, count: steps),
            optimizer: try {
                var settings = try StandardParameters.optimizer(p)
                settings.adamEpsilon = p[BilevelKeys.adamEpsilon]
                return settings
            }(),
            describe: { trajectory, _ in
                [SeriesColumn(BilevelNames.rho, trajectory.control),
                 SeriesColumn(BilevelNames.effectiveLearningRate, trajectory.control.map { (1 + $0) * alpha })]
                + levelLosses(net: net, task: task, trajectory)
            },
            // The replay uses the step (1 + rho_i) alpha: the network's SGD gradient carries the factor.
            sgd: SGDReplay(model: net, sampler: { _ in task }, initialState: w0, p, context: context),
            extraResults: { _, trajectory in
                let control = trajectory.control
                return ["mean_rho": control.reduce(0, +) / Double(control.count),
                        "mean_effective_lr": control.reduce(0) { $0 + (1 + $1) * alpha } / Double(control.count),
                        "offset_used": offset, "inputs": net.inputs, "outputs": net.outputs]
            })
    }
}

/// Loss of the features at each hierarchy level (the steps of Fig. 8's curves): the squared error
/// of those output rows, 1/2 sum_o [Sy_oo - 2 (W Sxy)_oo + (W Sx W^T)_oo].
func levelLosses(net: TwoLayerNetwork, task: SemanticHierarchy, _ trajectory: Trajectory) -> [SeriesColumn] {
    let s = task.statistics
    let (i, h, o) = (net.inputs, net.hidden, net.outputs)
    let levels = task.featureLevels
    var columns = [[Double]](repeating: [Double](repeating: 0, count: trajectory.steps), count: task.levels)
    var w = [Double](repeating: 0, count: o * i)
    trajectory.forEachState { step, states in
        let w1 = 0, w2 = h * i
        for r in 0..<o { for c in 0..<i {
            var acc = 0.0
            for k in 0..<h { acc += states[w2 + r * h + k] * states[w1 + k * i + c] }
            w[r * i + c] = acc
        } }
        for r in 0..<o {
            var cross = 0.0, quad = 0.0
            for a in 0..<i {
                cross += w[r * i + a] * s.sxy[a * o + r]
                var wsx = 0.0
                for b in 0..<i { wsx += w[r * i + b] * s.sx[b * i + a] }
                quad += wsx * w[r * i + a]
            }
            columns[levels[r]][step] += 0.5 * (s.sy[r * o + r] - 2 * cross + quad)
        }
    }
    return columns.enumerated().map { SeriesColumn(BilevelNames.levelLosses.member(String($0.offset)), $0.element) }
}
