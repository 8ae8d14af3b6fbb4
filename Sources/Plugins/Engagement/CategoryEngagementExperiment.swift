import Datasets
import WorkbenchKit

/// The classification tasks of the category experiments, with Table 4's per-dataset settings.
enum CategoryDataset: String {
    case mnist, semantic

    func load(_ p: ParameterValues, context: RunContext) throws -> Dataset {
        switch self {
        case .semantic: return try SemanticHierarchy(levels: p[.levels]).dataset
        case .mnist:
            return try MNIST.load(directory: context.requireMNIST(), split: p[.split], digits: p[.digits])
        }
    }

    /// Names of the output columns: digits, or "level_feature" for the hierarchy.
    func outputNames(_ data: Dataset) -> [String] {
        switch self {
        case .mnist: return data.classNames
        case .semantic: return data.outputGroups.enumerated().map { EngagementNames.hierarchyMember(level: $1, index: $0) }
        }
    }
}

/// How the per-class control enters the network.
enum CategoryModel: String {
    /// d_o = phi_o^2 scales the error of output o (eq. 84), cost beta (|phi|^2 - C)^2 / C.
    case engagement
    /// Gain on each output neuron, G2[o, :] = nu_o, G1 = 0 (App. H.1.1, K.5, Fig. 19), with the gain
    /// cost exp(beta |G2|^2) - 1 = exp(beta H sum nu^2) - 1.
    case neuronBasis
}

/// `category-engagement` (MNIST, Fig. 4h-i), `category-engagement-semantic` (Fig. 4j-k) and their
/// neuron-basis counterparts `category-neuron-basis[-semantic]` (Fig. 19): per-class control of
/// a two-layer linear network learning all 10 MNIST digits or the 4-level semantic hierarchy.
///
/// Category engagement (eq. 84): phi_c(t) init 1, bounds [0, 2], the error of output c scaled by
/// phi_c^2, V on the unweighted loss. The paper's text describes the cost as the deviation of
/// |phi|^2 from C (the number of classes) with beta = 5; its formula is the authors' code's
/// beta (|phi|^2 - C)^2 / C (reference notes §3), used here.
/// Neuron basis: the reference code's settings (beta 0.1, bounds +-0.5, init N(0, 1e-3)), the
/// rest as category engagement.
public struct CategoryEngagementExperiment: Experiment {
    let dataset: CategoryDataset
    let model: CategoryModel
    init(_ dataset: CategoryDataset, _ model: CategoryModel) { self.dataset = dataset; self.model = model }

    public var name: String {
        (model == .engagement ? (dataset == .semantic ? EngagementNames.categoryEngagementSemantic : EngagementNames.categoryEngagement) : (dataset == .semantic ? EngagementNames.categoryNeuronBasisSemantic : EngagementNames.categoryNeuronBasis)).text
    }

    public var summary: String {
        let data = dataset == .mnist ? "MNIST digits" : "semantic hierarchy levels"
        switch model {
        case .engagement:
            return "Sec. 5/App. H.3: category engagement phi_c(t) (eq. 84) on \(data) (Fig. 4\(dataset == .mnist ? "h-i" : "j-k"))"
        case .neuronBasis:
            return "App. H.1.1/K.5: per-output-neuron gains nu_c(t), G1 = 0, on \(data) (Fig. 19)"
        }
    }

    /// Table 4 (Eng. MNIST / Eng. Semantic); neuron basis from the reference code.
    var defaults: StandardDefaults {
        let mnist = dataset == .mnist
        switch model {
        case .engagement:
            return .init(steps: mnist ? 30000 : 18000, learningRate: mnist ? 0.05 : 0.005, beta: 5,
                         controlRate: 1, iterations: 600, lower: 0, upper: 2)
        case .neuronBasis:
            return .init(steps: mnist ? 30000 : 18000, learningRate: mnist ? 0.05 : 0.005, beta: 0.1,
                         controlRate: 1, iterations: 600, lower: -0.5, upper: 0.5)
        }
    }

    public var parameters: [ParameterSpec] {
        var specs = StandardParameters.specs(defaults)
        specs += [
            .of(.hidden, default: dataset == .mnist ? 50 : 30, help: "hidden units H (Table 4)"),
            .of(.lambda, default: 0, help: "L2 regularization lambda (Table 4)"),
            .of(.weightInitStd, default: dataset == .mnist ? 0.01 : 1e-4, help: "weight init std (semantic: 1e-4, rich regime)"),
            // Controls start exactly neutral (phi = 1, nu = 0): the per-output gradients already differ, and a
            // seeded perturbation survives where gamma^t makes every gradient ~0 (Figs. 4i, 19c showed it as noise).
            .of(.controlInitStd, default: 0,
                help: model == .engagement ? "std of a seeded perturbation of the initial phi = 1" : "std of the initial gains nu"),
            .of(.sgdRuns, default: 0),
            .of(.batch, default: dataset == .mnist ? 256 : 32, help: "SGD batch size (Table 4)"),
        ]
        switch dataset {
        case .mnist: specs += [.of(.digits, default: Array(0...9), help: "MNIST digits, in output order"), .of(.split, default: .train)]
        case .semantic: specs += [.of(.levels, default: 4, range: 2...SemanticHierarchy.maximumLevels)]
        }
        return specs
    }

    public var presets: Presets {
        switch dataset {
        case .mnist: return Presets(quick: [.set(.steps, 1500), .set(.iterations, 60)])
        case .semantic: return Presets(quick: [.set(.steps, 3000), .set(.learningRate, 0.03), .set(.iterations, 60)])
        }
    }

    public func needsMNIST(_ p: ParameterValues) -> Bool { dataset == .mnist }

    public func prepare(_ p: ParameterValues, context: RunContext) throws -> PreparedRun {
        try CategoryProblem(self, p, context: context).run()
    }
}

/// The network, cost and initial control of a category experiment, shared with `class-proportion`.
struct CategoryProblem {
    let data: Dataset
    let net: TwoLayerNetwork
    let engine: Engine<TwoLayerNetwork>
    let initial: [Double]
    let baseline: [Double]
    let optimizer: OptimizerSettings
    let w0: [Double]
    let names: [String]
    let range: Range<Int>
    let parameters: ParameterValues
    let context: RunContext

    init(_ e: CategoryEngagementExperiment, _ p: ParameterValues, context: RunContext) throws {
        data = try e.dataset.load(p, context: context)
        let hidden = p[.hidden]
        let steps = p[.steps]
        var rng = SeededGenerator(seed: context.seed)
        let cost: NormCost
        switch e.model {
        case .engagement:
            net = TwoLayerNetwork(configuration: .init(hidden: hidden, lambda: p[.lambda], weighting: .squared),
                                  task: data.train)
            range = net.weightingRange
            let c = Double(range.count)
            cost = NormCost(.sizeConstraint(size: c, normalizer: c), beta: p[.beta], norm: WeightedSquares(range: range))
        case .neuronBasis:
            net = TwoLayerNetwork(configuration: .init(hidden: hidden, lambda: p[.lambda], gains2: .perNeuron),
                                  task: data.train)
            range = net.gain2Range
            cost = NormCost(.exponential, beta: p[.beta],
                            norm: WeightedSquares(range: range, weights: [Double](repeating: Double(hidden), count: range.count)))
        }
        w0 = net.randomInitialState(std: p[.weightInitStd], using: &rng)
        engine = try StandardParameters.problem(p, dynamics: net, cost: cost, map: .perStep(initialState: w0))
        let neutral = e.model == .engagement ? 1.0 : 0.0
        initial = initialEngagement(steps: steps, perStep: net.controlCount, value: neutral,
                                    std: p[.controlInitStd], using: &rng)
        baseline = [Double](repeating: neutral, count: steps * net.controlCount)
        optimizer = try StandardParameters.optimizer(p)
        let family = e.model == .engagement ? EngagementNames.categoryCoefficients : EngagementNames.neuronBasisCoefficients
        names = e.dataset.outputNames(data).map { family.member($0).stem }
        parameters = p
        self.context = context
    }

    func run() -> PreparedRun {
        let (range, names, net, data, w0) = (range, names, net, data, w0)
        return PreparedRun(
            engine: engine, initialControl: initial, baselineControl: baseline, optimizer: optimizer,
            describe: { trajectory, _ in controlColumns(trajectory, range: range, names: names) },
            sgd: SGDReplay(model: net, sampler: { _ in data.sampler }, initialState: w0, parameters, context: context),
            extraResults: { _, _ in ["dataset": data.name, "outputs": names, "output_groups": data.outputGroups] })
    }
}
