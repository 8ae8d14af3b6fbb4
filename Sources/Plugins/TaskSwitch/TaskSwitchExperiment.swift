import Datasets
import WorkbenchKit

/// `task-switch`: per-synapse gain modulation G1(t), G2(t) of the two-layer linear network while
/// the task alternates between two correlated-Gaussian tasks every `switch_every` iterations
/// (Sec. 6 "Task Switch", Figs. 5e-g, 16, 17, Table 5). The loss in V is the loss on the task
/// active at that step (reference notes §3); the cost is exp(beta (|G1|^2 + |G2|^2)) - 1.
///
/// Differences from the authors' code: the Euler trajectory starts from the random initial
/// weights (std `init_std`) rather than from the weights after one SGD step; batch 32 follows
/// Table 5 (the scripts used 256), and only matters for the optional SGD simulation.
public struct TaskSwitchExperiment: Experiment {
    public init() {}
    public let name = TaskSwitchNames.taskSwitch.text
    public let summary = "Sec. 6/App. K.3: gains G1(t), G2(t) across two Gaussian tasks switching every 1800 steps (Figs. 5e-g, 16, 17)"
    /// 1: traced weights are those that change most (`TracedWeights`), not evenly spaced.
    public let outputRevision = 2

    public var parameters: [ParameterSpec] {
        StandardParameters.specs(.init(steps: 23000, learningRate: 0.005, beta: 0.3, controlRate: 1,
                                       iterations: 1000, lower: -0.5, upper: 0.5))
        + [
            .of(TaskSwitchKeys.switchEvery, default: 1800),
            .of(.hidden, default: 8, help: "hidden units H (Table 5)"),
            .of(.lambda, default: 0.001, help: "L2 regularization lambda (Table 5)"),
            .of(.weightInitStd, default: 0.01),
            .of(.controlInitStd, default: 1e-3, help: "std of the initial gains before clamping"),
            .of(TaskSwitchKeys.taskA, default: [3, 1, 0.8]),
            .of(TaskSwitchKeys.taskB, default: [-2, 2, 0.2]),
            .of(.sgdRuns, default: 0),
            .of(.batch, default: 32, help: "SGD batch size (Table 5)"),
            .of(.traced, default: 6, help: "weights and gains of each layer traced individually in series.csv (Fig. 17)"),
        ]
    }

    public var presets: Presets {
        Presets(quick: [.set(.steps, 3000), .set(TaskSwitchKeys.switchEvery, 500), .set(.iterations, 150)])
    }

    static func gaussian(_ key: Parameter<[Double]>, in p: ParameterValues) throws -> CorrelatedGaussian {
        let values = p[key]
        guard values.count == 3 else {
            throw WorkbenchError("parameter '\(key.name)': got \(values.count) numbers; expected mu1,mu2,p")
        }
        do { return try CorrelatedGaussian(mu1: values[0], mu2: values[1], p: values[2]) } catch let e as WorkbenchError {
            throw WorkbenchError("parameter '\(key.name)': \(e.message)")
        }
    }

    public func prepare(_ p: ParameterValues, context: RunContext) throws -> PreparedRun {
        let a = try Self.gaussian(TaskSwitchKeys.taskA, in: p), b = try Self.gaussian(TaskSwitchKeys.taskB, in: p)
        let every = p[TaskSwitchKeys.switchEvery], steps = p[.steps]
        let net = TwoLayerNetwork(configuration: .init(hidden: p[.hidden], lambda: p[.lambda],
                                                       gains1: .perSynapse, gains2: .perSynapse),
                                  tasks: [a.statistics, b.statistics], switchEvery: every)
        let norm = WeightedSquares(range: net.gain1Range.lowerBound..<net.gain2Range.upperBound)
        let cost = NormCost(.exponential, beta: p[.beta], norm: norm)
        // The seed drives both the weight initialization and the control initialization.
        var rng = SeededGenerator(seed: context.seed)
        let w0 = net.randomInitialState(std: p[.weightInitStd], using: &rng)
        let engine = try StandardParameters.problem(p, dynamics: net, cost: cost, map: .perStep(initialState: w0))
        let initial = rng.normals(steps * net.controlCount, std: p[.controlInitStd])
        let traced = p[.traced]
        let samplers: [any ExampleSampler] = [a, b]
        return PreparedRun(
            engine: engine, initialControl: initial,
            optimizer: try StandardParameters.optimizer(p),
            describe: { trajectory, baseline in
                SwitchColumns.describe(net, trajectory: trajectory, baseline: baseline, traced: traced)
            },
            sgd: SGDReplay(model: net, sampler: { samplers[net.taskIndex(step: $0)] }, initialState: w0, p, context: context),
            extraResults: { baseline, control in
                var out: [String: Any] = [TaskSwitchNames.switchSteps.text: SwitchSummary.switchSteps(steps: steps, every: every),
                                          "hidden": net.hidden]
                for (role, trajectory) in [(Role.baseline, baseline), (.control, control)] {
                    let s = SwitchSummary(losses: trajectory.losses, costs: trajectory.costs, every: every)
                    out[TaskSwitchNames.lossAtSwitch[role].text] = s.lossAtSwitch
                    out[TaskSwitchNames.lossBeforeSwitch[role].text] = s.lossBeforeSwitch
                    out[TaskSwitchNames.costNormalizedAtSwitch[role].text] = s.normalizedCostAtSwitch
                    out[TaskSwitchNames.recoverySteps[role].text] = s.recoverySteps
                }
                return out
            })
    }
}
