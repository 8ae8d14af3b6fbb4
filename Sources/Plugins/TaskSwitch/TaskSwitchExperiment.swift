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
    public let outputRevision = 1

    public var parameters: [ParameterSpec] {
        StandardParameters.specs(.init(steps: 23000, learningRate: 0.005, beta: 0.3, controlRate: 1,
                                       iterations: 1000, lower: -0.5, upper: 0.5))
        + [
            .integer("switch_every", 1800, "iterations per task before switching (Table 5)", range: 1...10_000_000),
            .integer("hidden", 8, "hidden units H (Table 5)", range: 1...10_000),
            .real("lambda", 0.001, "L2 regularisation lambda (Table 5)", range: 0...1e6),
            .real("init_std", 0.01, "weight init std", range: 0...10),
            .real("control_init_std", 1e-3, "std of the initial gains before clamping", range: 0...10),
            ParameterSpec("task_a", .realList, default: "3,1,0.8", "task A: mu1,mu2,p (sigma 1,1)"),
            ParameterSpec("task_b", .realList, default: "-2,2,0.2", "task B: mu1,mu2,p (sigma 1,1)"),
            .integer("sgd_runs", 0, "SGD simulations of the real network under each control (0 = none)", range: 0...1000),
            .integer("batch", 32, "SGD batch size (Table 5)", range: 1...1_000_000),
            .integer("traced", 6, "weights and gains of each layer traced individually in series.csv (Fig. 17)", range: 0...1000),
        ]
    }

    public var presets: [String: [String: String]] {
        ["paper": [:], "quick": ["steps": "3000", "switch_every": "500", "iterations": "150"]]
    }

    static func gaussian(_ values: [Double], _ key: String) throws -> CorrelatedGaussian {
        guard values.count == 3 else {
            throw WorkbenchError("parameter '\(key)': got \(values.count) numbers; expected mu1,mu2,p")
        }
        do { return try CorrelatedGaussian(mu1: values[0], mu2: values[1], p: values[2]) } catch let e as WorkbenchError {
            throw WorkbenchError("parameter '\(key)': \(e.message)")
        }
    }

    public func prepare(_ p: ParameterValues, context: RunContext) throws -> PreparedRun {
        let a = try Self.gaussian(p.reals("task_a"), "task_a"), b = try Self.gaussian(p.reals("task_b"), "task_b")
        let every = p.int("switch_every"), steps = p.int("steps")
        let net = TwoLayerNetwork(configuration: .init(hidden: p.int("hidden"), lambda: p.double("lambda"),
                                                       gains1: .perSynapse, gains2: .perSynapse),
                                  tasks: [a.statistics, b.statistics], switchEvery: every)
        let norm = WeightedSquares(range: net.gain1Range.lowerBound..<net.gain2Range.upperBound)
        let cost = NormCost(.exponential, beta: p.double("beta"), norm: norm)
        // The seed drives both the weight initialisation and the control initialisation.
        var rng = SeededGenerator(seed: context.seed)
        let w0 = net.randomInitialState(std: p.double("init_std"), using: &rng)
        let engine = try StandardParameters.problem(p, dynamics: net, cost: cost, map: .perStep(initialState: w0))
        let gStd = p.double("control_init_std")
        let initial = (0..<(steps * net.controlCount)).map { _ in rng.normal(mean: 0, std: gStd) }
        let baseline = [Double](repeating: 0, count: steps * net.controlCount)
        let runs = p.int("sgd_runs"), batch = p.int("batch"), lr = p.double("learning_rate"), seed = context.seed
        let selection = TracedWeights(count: p.int("traced"))
        let samplers: [any ExampleSampler] = [a, b]
        return PreparedRun(
            engine: engine, initialControl: initial, baselineControl: baseline,
            optimizer: try StandardParameters.optimizer(p),
            describe: { engine, theta in
                SwitchColumns.describe(net, engine: engine, theta: theta, selection: selection)
            },
            simulate: runs == 0 ? nil : { theta in
                simulateSGD(model: net, samplerFor: { samplers[net.taskIndex(step: $0)] }, steps: steps,
                            learningRate: lr, batch: batch, controls: theta, initialState: w0, runs: runs,
                            seed: seed).columns
            },
            extraResults: { base, control in
                var out: [String: Any] = [TaskSwitchNames.switchSteps.text: SwitchSummary.switchSteps(steps: steps, every: every),
                                          "hidden": net.hidden]
                for (label, theta) in [("baseline", base), ("control", control)] {
                    _ = engine.value(theta)
                    let s = SwitchSummary(losses: engine.losses, costs: engine.costs, every: every)
                    out["loss_at_switch_\(label)"] = s.lossAtSwitch
                    out["loss_before_switch_\(label)"] = s.lossBeforeSwitch
                    out["cost_normalised_at_switch_\(label)"] = s.normalisedCostAtSwitch
                    out["recovery_steps_\(label)"] = s.recoverySteps
                }
                return out
            })
    }
}
