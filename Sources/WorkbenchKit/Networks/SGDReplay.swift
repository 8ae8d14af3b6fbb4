/// An SGD replay, declared once by an experiment and run by the runner under the baseline control
/// and under the optimized one: `runs` networks trained by minibatch SGD from `initialState`,
/// summarized per step as mean and std over runs (the paper's shaded curves). The runner adds the
/// columns and results, suffixed _baseline / _control like the described columns.
public struct SGDReplay {
    /// Independent runs per control (0 = no replay).
    public let runs: Int
    let replay: (_ control: Trajectory, _ baseline: Trajectory) -> SGDReplayOutcome

    /// The model trained under the trajectory's per-step controls, on batches from `sampler(step)`.
    /// `probe` adds measurements of the weights (it may depend on the control, and on the baseline,
    /// e.g. to trace the weights the baseline moved most); `results` turns a replay into scalars.
    public init<M: StochasticModel>(model: M, sampler: @escaping (_ step: Int) -> any ExampleSampler,
                                    initialState: [Double], runs: Int, batch: Int, learningRate: Double, seed: UInt64,
                                    probe: ((_ control: Trajectory, _ baseline: Trajectory) -> SGDProbe)? = nil,
                                    results: @escaping (_ summary: SGDSummary, _ control: Trajectory) -> [String: Any] = { _, _ in [:] }) {
        self.init(model: model, initialState: initialState, runs: runs, batch: batch, learningRate: learningRate,
                  seed: seed, probe: probe, results: results) { control in (sampler, control.controls) }
    }

    /// The model takes no control: the control sets the batches instead (a curriculum), through
    /// `curriculum(control)`, the sampler of each step.
    /// `steps` (when given) ends each replay early: the first `steps` steps of the curriculum.
    public init<M: StochasticModel>(model: M, curriculum: @escaping (_ control: Trajectory) -> (_ step: Int) -> any ExampleSampler,
                                    initialState: [Double], runs: Int, batch: Int, learningRate: Double, seed: UInt64, steps: Int? = nil,
                                    probe: ((_ control: Trajectory, _ baseline: Trajectory) -> SGDProbe)? = nil,
                                    results: @escaping (_ summary: SGDSummary, _ control: Trajectory) -> [String: Any] = { _, _ in [:] }) {
        self.init(model: model, initialState: initialState, runs: runs, batch: batch, learningRate: learningRate,
                  seed: seed, stepLimit: steps, probe: probe, results: results) { control in (curriculum(control), []) }
    }

    private init<M: StochasticModel>(model: M, initialState: [Double], runs: Int, batch: Int, learningRate: Double,
                                     seed: UInt64, stepLimit: Int? = nil, probe: ((Trajectory, Trajectory) -> SGDProbe)?,
                                     results: @escaping (SGDSummary, Trajectory) -> [String: Any],
                                     schedule: @escaping (Trajectory) -> (sampler: (Int) -> any ExampleSampler, controls: [Double])) {
        self.runs = runs
        replay = { control, baseline in
            let (sampler, controls) = schedule(control)
            let steps = min(control.steps, stepLimit ?? control.steps)
            let summary = simulateSGD(model: model, samplerFor: sampler, steps: steps, learningRate: learningRate,
                                      batch: batch, controls: stepLimit == nil ? controls : Array(controls.prefix(steps * model.controlCount)), initialState: initialState, runs: runs, seed: seed,
                                      probe: probe?(control, baseline))
            return SGDReplayOutcome(columns: summary.columns, results: results(summary, control))
        }
    }

    /// The replay under `control`; `baseline` is the run's baseline trajectory (`control` itself
    /// when replaying the baseline).
    public func run(_ control: Trajectory, baseline: Trajectory) -> SGDReplayOutcome { replay(control, baseline) }
}

/// What one replay gives: per-step columns (sgd_loss_mean, ...) and scalar results.
public struct SGDReplayOutcome {
    public var columns: [SeriesColumn]
    public var results: [String: Any]
}
