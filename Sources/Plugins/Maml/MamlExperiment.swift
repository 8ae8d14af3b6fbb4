import Datasets
import WorkbenchKit

/// `maml`: multi-step MAML (App. F.1, eqs. 25-27, Table 2). The control is the shared initial
/// weights (W1(0), W2(0)) of a two-layer linear network; each of the five MNIST pairs learns from
/// it along its own gradient-flow trajectory, and
///   V = -sum_{i=i0}^{K} dt * mean_tasks L_tau(t_i)      (gamma = 1, eta = 1, C = 0),
/// with i0 = 1 (`objective=after-updates`: eq. 26 as printed, so K = 1 (two Euler states) is
/// standard MAML, eq. 27) or i0 = 0 (`objective=with-initial-loss`: the authors' code, whose
/// "mask first step" is computed and never applied; the paper's figures were made with it).
/// dV/dw0 is the engine's adjoint lambda_0 summed over the task copies. NOTES.md compares them.
///
/// Evaluation (Figs. 3b, 6, 7): from the baseline (random) and the learned initialization, each
/// task learns for `eval_steps` steps; result.json holds the mean curve and each task's curve
/// (eval_loss_per_task, one list per pair), the per-task cumulative loss sum dt L and the
/// one-step loss (mean and per task), on the statistics of `split` and, when `heldout` names the
/// other split, on it too: by default the tasks come from the training split and the evaluation
/// is repeated on the test split, as the paper's train/test comparison (Fig. 7).
public struct MamlExperiment: Experiment {
    public init() {}
    public let name = MamlNames.maml.text
    /// 1: per-task evaluation curves and one-step losses (Fig. 6).
    public let outputRevision = 1
    /// eq. 26 as printed; `workbench figures` asks for the objective the paper's figures used.
    public static let defaultObjective = MamlObjective.afterUpdates
    public let summary = "Sec. 4, App. F.1: multi-step MAML, initial weights optimized over K steps on 5 MNIST pairs (Figs. 3a-b, 6, 7)"

    static let paperTasks = "0,1;7,1;8,9;3,8;5,3"

    public var parameters: [ParameterSpec] {
        // No per-step control: no cost, no bounds (Table 2: not bounded, beta = 0); the horizon
        // is `optimized_steps`.
        StandardParameters.specs(.init(steps: 2, learningRate: 0.005, gamma: 1, beta: 0, controlRate: 0.005,
                                       iterations: 2000, optimizer: .adam, lower: 0, upper: 0))
            .omitting(Parameter.steps, Parameter.beta, Parameter.lower, Parameter.upper)
        + [
            .of(MamlKeys.optimizedSteps, default: 20),
            .of(MamlKeys.objective, default: Self.defaultObjective),
            .of(MamlKeys.evalSteps, default: 8000),
            .of(.hidden, default: 40, help: "hidden units H (Table 2)"),
            .of(.lambda, default: 0),
            .of(.weightInitStd, default: 0.01, help: "std of the random initialization the optimization starts from (Table 2)"),
            .of(MamlKeys.tasks, default: [0, 1, 7, 1, 8, 9, 3, 8, 5, 3]),
            .of(.split, default: .train, help: "split the tasks' statistics come from (the paper's: train)"),
            .of(MamlKeys.heldout, default: HeldOutSplit.test),
        ]
    }

    public var presets: Presets {
        // quick: Table 2's network (H = 40) with 600 Adam steps of 0.015 instead of 2000 of 0.005 (the
        // K = 1 plateau and the one-step dip at K = 20-40 need the paper's width and about its progress;
        // at H = 20 and 200 steps the one-step loss only rose with K), and a shorter evaluation.
        Presets(quick: [.set(MamlKeys.optimizedSteps, 20), .set(.iterations, 600), .set(.controlRate, 0.015),
                        .set(MamlKeys.evalSteps, 1500), .set(.hidden, 40)])
    }

    public func needsMNIST(_ parameters: ParameterValues) -> Bool { true }

    public func prepare(_ p: ParameterValues, context: RunContext) throws -> PreparedRun {
        let flat = p[MamlKeys.tasks]
        guard !flat.isEmpty, flat.count % 2 == 0 else {
            throw WorkbenchError("maml: parameter 'tasks' has \(flat.count) digits; expected pairs, e.g. 0,1,7,1")
        }
        let pairs = stride(from: 0, to: flat.count, by: 2).map { [flat[$0], flat[$0 + 1]] }
        let split = p[.split]
        let heldout = p[MamlKeys.heldout].split
        if heldout == split {
            throw WorkbenchError("maml: parameter 'heldout' equals 'split' (\(split.rawValue)); expected the other split or none")
        }
        let data = try MNIST.loadTasks(directory: try context.requireMNIST(), split: split, tasks: pairs, heldOut: heldout)
        let config = TwoLayerNetwork.Configuration(hidden: p[.hidden], lambda: p[.lambda])
        let nets = data.map { TwoLayerNetwork(configuration: config, task: $0.train) }
        let heldoutNets = heldout == nil ? [] : data.map { TwoLayerNetwork(configuration: config, task: $0.test!) }
        let objective = p[MamlKeys.objective]
        let model = ParallelDynamics(copies: nets, firstScoredStep: objective.firstScoredStep)
        let k = p[MamlKeys.optimizedSteps], dt = p[.learningRate]
        let engine = try StandardParameters.engine(
            ControlProblem(dynamics: model, steps: k + 1, dt: dt, gamma: p[.gamma], eta: p[.eta],
                           cost: ZeroCost(), map: .initialState(copies: nets.count, controls: [])),
            sizeParameters: "optimized_steps=\(k), hidden=\(p[.hidden]), \(nets.count) tasks")
        var rng = SeededGenerator(seed: context.seed)
        let w0 = nets[0].randomInitialState(std: p[.weightInitStd], using: &rng)
        let evalSteps = p[MamlKeys.evalSteps]
        // result.json holds every evaluation curve (each task's and the mean, from the baseline and
        // the optimized initialization, on the held-out split too): refuse up front what cannot be written.
        let curveValues = evalSteps * (nets.count + 1) * (heldoutNets.isEmpty ? 2 : 4)
        try MemoryBudget.current().require(curveValues * MemoryBudget.bytesPerJSONValue,
                                           for: "maml: eval_steps=\(evalSteps) (\(curveValues) evaluation-curve values in result.json)",
                                           lower: "eval_steps")
        let optimizer = OptimizerSettings(kind: p[.optimizer], rate: p[.controlRate],
                                          iterations: p[.iterations], bounds: .none)
        let names = pairs.map { "(\($0[0]),\($0[1]))" }
        return PreparedRun(
            engine: engine, initialControl: w0, baselineControl: w0, optimizer: optimizer,
            describe: { trajectory, _ in taskLossColumns(nets: nets, trajectory) },
            extraResults: { baseline, control in
                var out: [String: Any] = [MamlNames.tasks.text: names, "optimized_steps": k, "eval_steps": evalSteps,
                                          "objective": objective.rawValue,
                                          "evaluation_splits": [split.rawValue] + (heldout.map { [$0.rawValue] } ?? [])]
                for (role, theta) in [(Role.baseline, baseline.control), (.control, control.control)] {
                    evaluate(nets: nets, from: theta, steps: evalSteps, dt: dt).record(into: &out, role: role)
                    if !heldoutNets.isEmpty {
                        evaluate(nets: heldoutNets, from: theta, steps: evalSteps, dt: dt)
                            .record(into: &out, role: role, name: MamlNames.heldout)
                    }
                }
                return out
            })
    }
}

/// Each task's loss along the trajectory (the engine's own loss column skips step 0).
func taskLossColumns(nets: [TwoLayerNetwork], _ trajectory: Trajectory) -> [SeriesColumn] {
    let n = trajectory.stateCount, block = n / nets.count
    var columns = [[Double]](repeating: [Double](repeating: 0, count: trajectory.steps), count: nets.count)
    var mean = [Double](repeating: 0, count: trajectory.steps)
    let workspaces = nets.map { $0.makeWorkspace() }
    trajectory.forEachState { i, w in
        for (t, net) in nets.enumerated() {
            // The nets take no control: any valid pointer will do.
            let l = net.evaluate(step: i, state: w + t * block, control: w, drift: nil, workspace: workspaces[t])
            columns[t][i] = l
            mean[i] += l / Double(nets.count)
        }
    }
    return [SeriesColumn(MamlNames.taskLossMean, mean)]
        + columns.enumerated().map { SeriesColumn(MamlNames.taskLosses.member(String($0.offset)), $0.element) }
}

/// Learning curves of every task from one initialization (Figs. 6, 7a).
struct Evaluation {
    var curves: [[Double]]
    var dt: Double
    var mean: [Double] { (0..<curves[0].count).map { i in curves.reduce(0) { $0 + $1[i] } / Double(curves.count) } }
    /// sum_i dt L_i over the evaluation: the area under Fig. 6's curves (Fig. 7a).
    var cumulative: [Double] { curves.map { dt * $0.reduce(0, +) } }
    /// Each task's loss after one update (Fig. 6, second row: the first loss of its curve after w0).
    var oneStepPerTask: [Double] { curves.map { $0.count > 1 ? $0[1] : $0[0] } }
    /// Mean loss after one update: V_MAML of Fig. 3a / 6 (second row, column f).
    var oneStep: Double { oneStepPerTask.reduce(0, +) / Double(curves.count) }

    /// Writes the fields for `role`, each key first passed through `name` (e.g. `MamlNames.heldout`).
    func record(into out: inout [String: Any], role: Role, name: (ResultKey) -> ResultKey = { $0 }) {
        func set(_ key: ResultKey, _ value: Any) { out[name(key)[role].text] = value }
        let c = cumulative
        set(MamlNames.evalLossMean, mean)
        set(MamlNames.cumulativeEvalLoss, c.reduce(0, +) / Double(c.count))
        set(MamlNames.cumulativeEvalLossPerTask, c)
        set(MamlNames.oneStepLoss, oneStep)
        // Fig. 6 draws each MNIST pair's curve and one-step loss (columns a-e), not only their mean.
        set(MamlNames.evalLossPerTask, curves)
        set(MamlNames.oneStepLossPerTask, oneStepPerTask)
    }
}

func evaluate(nets: [TwoLayerNetwork], from theta: [Double], steps: Int, dt: Double) -> Evaluation {
    let curves = nets.map { net -> [Double] in
        // Only the losses are read: a checkpointed trajectory does when the whole one would not fit.
        let engine = Engine(ControlProblem(dynamics: net, steps: steps, dt: dt, gamma: 1, eta: 1, cost: ZeroCost(),
                                           map: .initialState(copies: 1, controls: [])),
                            leanestWithin: (try? MemoryBudget.current()) ?? .unlimited)
        return engine.rollout(theta).losses
    }
    return Evaluation(curves: curves, dt: dt)
}
