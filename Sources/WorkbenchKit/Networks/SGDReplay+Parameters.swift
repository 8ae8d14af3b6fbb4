/// The replay as experiments declare it: `sgd_runs` runs of batches of `batch` at the run's
/// `learning_rate` (the Euler step dt, so SGD takes the step the averaged dynamics take), seeded
/// by the run's seed. The experiment declares `.sgdRuns` and `.batch` among its parameters.
public extension SGDReplay {
    init<M: StochasticModel>(model: M, sampler: @escaping (_ step: Int) -> any ExampleSampler, initialState: [Double],
                             _ p: ParameterValues, context: RunContext,
                             probe: ((_ control: Trajectory, _ baseline: Trajectory) -> SGDProbe)? = nil,
                             results: @escaping (_ summary: SGDSummary, _ control: Trajectory) -> [String: Any] = { _, _ in [:] }) {
        self.init(model: model, sampler: sampler, initialState: initialState, runs: p[.sgdRuns], batch: p[.batch],
                  learningRate: p[.learningRate], seed: context.seed, probe: probe, results: results)
    }

    init<M: StochasticModel>(model: M, curriculum: @escaping (_ control: Trajectory) -> (_ step: Int) -> any ExampleSampler,
                             initialState: [Double], _ p: ParameterValues, context: RunContext,
                             probe: ((_ control: Trajectory, _ baseline: Trajectory) -> SGDProbe)? = nil) {
        self.init(model: model, curriculum: curriculum, initialState: initialState, runs: p[.sgdRuns], batch: p[.batch],
                  learningRate: p[.learningRate], seed: context.seed, steps: p.declared(.sgdSteps), probe: probe)
    }
}
