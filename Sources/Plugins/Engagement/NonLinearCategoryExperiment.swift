import Datasets
import WorkbenchKit

/// `category-engagement-nonlinear` (App. K.6.2, Fig. 21): category engagement phi_c(t) (eq. 84,
/// d_c = phi_c^2 on output c's error) of the tanh network y-hat = W2 tanh(W1 x) on the semantic
/// hierarchy, with the settings of Fig. 4j-k / Table 4 "Eng. Semantic" (H 30, lr 5e-3, 18000
/// steps, batch 32, beta 5, bounds [0, 2], init std 1e-4, cost beta (|phi|^2 - C)^2 / C).
///
/// The paper meta-learned phi through batch SGD training of the real network. Here phi is
/// optimized on `TanhNetwork`'s Taylor-approximated dynamics (App. I) with the exact adjoint, and
/// the real tanh network is then trained by SGD (`sgd_runs` runs) under the found phi and under
/// phi = 1: series columns sgd_loss_mean/std_{baseline,control} (Fig. 21a's SGD curves).
public struct NonLinearCategoryExperiment: Experiment {
    public init() {}
    public let name = EngagementNames.categoryEngagementNonLinear.text
    public let summary = "App. I, K.6.2: category engagement phi_c(t) of a tanh two-layer net on the semantic hierarchy, checked by SGD (Fig. 21)"

    public var parameters: [ParameterSpec] {
        StandardParameters.specs(.init(steps: 18000, learningRate: 0.005, beta: 5, controlRate: 1, iterations: 600,
                                       lower: 0, upper: 2))
        + [
            .of(.hidden, default: 30, help: "hidden units H (Table 4)"),
            .of(.lambda, default: 0, help: "L2 regularization lambda (Table 4)"),
            .of(.weightInitStd, default: 1e-4, help: "weight init std (small: rich regime, tanh near linear)"),
            .of(.controlInitStd, default: 1e-3, help: "std of a seeded perturbation of the initial phi = 1"),
            .of(.sgdRuns, default: 5, help: "SGD runs of the real tanh network under each control (0 = none)"),
            .of(.batch, default: 32, help: "SGD batch size (Table 4)"),
            .of(.levels, default: 4, range: 2...SemanticHierarchy.maximumLevels),
        ]
    }

    /// quick: 1500 steps of 0.06 (the tanh dynamics cost ~5x the linear ones per step), control_lr
    /// 0.5 (plain ascent on the quartic cost is unstable above control_lr * dt ~ 0.05), 2 SGD runs.
    public var presets: Presets {
        Presets(quick: [.set(.steps, 1500), .set(.learningRate, 0.06), .set(.controlRate, 0.5), .set(.iterations, 40),
                        .set(.sgdRuns, 2)])
    }

    public func prepare(_ p: ParameterValues, context: RunContext) throws -> PreparedRun {
        let data = try SemanticHierarchy(levels: p[.levels]).dataset
        let net = TanhNetwork(task: data.train, hidden: p[.hidden], lambda: p[.lambda],
                              gains: false, weighting: .squared)
        let range = net.weightingRange, c = Double(range.count)
        let cost = NormCost(.sizeConstraint(size: c, normalizer: c), beta: p[.beta], norm: WeightedSquares(range: range))
        var rng = SeededGenerator(seed: context.seed)
        let w0 = rng.normals(net.stateCount, std: p[.weightInitStd])
        let engine = try StandardParameters.problem(p, dynamics: net, cost: cost, map: .perStep(initialState: w0))
        let steps = p[.steps]
        let initial = initialEngagement(steps: steps, perStep: net.controlCount, value: 1,
                                        std: p[.controlInitStd], using: &rng)
        let baseline = [Double](repeating: 1, count: steps * net.controlCount)
        let names = CategoryDataset.semantic.outputNames(data).map { "phi_\($0)" }
        return PreparedRun(
            engine: engine, initialControl: initial, baselineControl: baseline,
            optimizer: try StandardParameters.optimizer(p),
            describe: { trajectory, _ in controlColumns(trajectory, range: range, names: names) },
            sgd: SGDReplay(model: net, sampler: { _ in data.sampler }, initialState: w0, p, context: context),
            extraResults: { _, _ in ["dataset": data.name, "network": "tanh", "outputs": names, "output_groups": data.outputGroups] })
    }
}
