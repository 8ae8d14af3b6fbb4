import Foundation

public let workbenchVersion = "0.1.0"

/// How to run one experiment.
public struct RunOptions {
    public var preset: String
    public var overrides: [(String, String)]
    public var seed: UInt64
    /// Output folder; nil = compute only (tests, benchmarks).
    public var outDirectory: String?
    public var quiet: Bool
    public var mnistDirectory: String?
    /// Called after each control iteration with (iterations done, iterations in all), e.g. for a
    /// scheduler's heartbeat; the console progress line is separate (`quiet`).
    public var onIteration: ((Int, Int) -> Void)?
    public init(preset: String = "quick", overrides: [(String, String)] = [], seed: UInt64 = 0,
                outDirectory: String? = nil, quiet: Bool = true, mnistDirectory: String? = nil,
                onIteration: ((Int, Int) -> Void)? = nil) {
        self.preset = preset; self.overrides = overrides; self.seed = seed
        self.outDirectory = outDirectory; self.quiet = quiet; self.mnistDirectory = mnistDirectory
        self.onIteration = onIteration
    }
}

/// Everything a run produced, in memory (also what result.json and series.csv hold).
public struct RunOutcome {
    public var experiment: String
    public var parameters: ParameterValues
    public var valueBaseline: Double
    public var valueControl: Double
    public var valueHistory: [Double]
    public var seconds: Double
    public var control: [Double]
    public var series: [SeriesColumn]
    public var extra: [String: Any]
    /// Gradient evaluations the optimization spent, why it stopped, its final projected gradient.
    public var convergence: ConvergenceReport? = nil

    public func column(_ name: String) -> [Double]? { series.first { $0.name == name }?.values }
    /// A trajectory column of one role, as written.
    public func column(_ column: TrajectoryColumn, _ role: Role) -> [Double]? { self.column(column[role].text) }
}

/// Baseline rollout, control optimization (its final rollout is the control's trajectory), the
/// columns of both trajectories, the optional SGD replay under both controls, files.
public func runExperiment(_ experiment: any Experiment, options: RunOptions) throws -> RunOutcome {
    let params = try experiment.resolve(preset: options.preset, overrides: options.overrides)
    let start = Date()
    let prepared = try experiment.prepare(params, context: RunContext(seed: options.seed, mnistDirectory: options.mnistDirectory))
    // Only once the inputs are known good: a run refused for its inputs leaves no empty folder.
    let createdOut = options.outDirectory.map { !FileManager.default.fileExists(atPath: $0) } ?? false
    if let out = options.outDirectory { try AtomicFile.prepareDirectory(out) }
    // Whatever stops the run from here on (divergence, the memory budget, a full disk) takes back
    // a folder it created and could not fill; rmdir removes only an empty one.
    var finished = false
    defer { if createdOut, !finished, let out = options.outDirectory { rmdir(out) } }
    let engine = prepared.engine

    // The baseline is evaluated on its own engine when it has one (uncharged: psi = 1 with C = 0).
    let baselineEngine = try prepared.baselineEngine?() ?? engine
    let baseline = baselineEngine.rollout(prepared.baselineControl)
    guard baseline.value.isFinite else {
        throw RunChecks.divergence(experiment: experiment.name, phase: .baseline, value: baseline.value,
                                   engine: baselineEngine, parameters: params)
    }
    let baselineColumns = trajectoryColumns(baseline, baseline: baseline, prepared, role: .baseline)
    // A separate baseline engine keeps only what replaying the baseline's states needs.
    if baselineEngine !== engine { baselineEngine.useTrajectoryStorage(baselineEngine.leanestStorage) }
    let replay = (prepared.sgd?.runs ?? 0) > 0 ? prepared.sgd : nil
    // step, t, then each column for baseline and control, and at least SGD's mean and std of each.
    try RunChecks.seriesFits(experiment: experiment.name, engine: engine,
                             columns: 2 + 2 * baselineColumns.count + (replay == nil ? 0 : 4),
                             parameters: params, budget: try MemoryBudget.current())
    // When the baseline is uncharged, what the baseline control is worth under the run's cost: the
    // value the optimizer could always keep (figures compare the optimized control with it).
    let chargedBaseline = prepared.baselineEngine == nil ? nil : engine.value(prepared.baselineControl)

    let progress = ProgressReporter(label: experiment.name, total: prepared.optimizer.iterations, quiet: options.quiet)
    let optimized = optimizeControl(engine: engine, initial: prepared.initialControl, settings: prepared.optimizer) { k, v in
        progress.update(k + 1, "V=\(String(format: "%.6g", v))")
        options.onIteration?(k + 1, prepared.optimizer.iterations)
    }
    guard optimized.divergedAt == nil, let control = optimized.trajectory else {
        progress.abandon()
        throw RunChecks.divergence(experiment: experiment.name, phase: .iteration(optimized.valueHistory.count - 1),
                                   value: optimized.valueHistory.last!, engine: engine, parameters: params,
                                   control: optimized.theta)
    }
    let valueControl = optimized.valueHistory.last!
    let controlColumns = trajectoryColumns(control, baseline: baseline, prepared, role: .control)

    var series = [SeriesColumn(RunColumns.step, (0..<engine.steps).map(Double.init)),
                  SeriesColumn(RunColumns.time, (0..<engine.steps).map { Double($0) * engine.dt })]
    // Interleave baseline/control columns by name so related columns sit side by side.
    for (b, c) in zip(baselineColumns, controlColumns) { series.append(b); series.append(c) }
    var sgdResults: [String: Any] = [:]
    if let replay {
        let baselineSGD = replay.run(baseline, baseline: baseline)
        try RunChecks.sgdFinite(experiment: experiment.name, columns: baselineSGD.columns, parameters: params, which: "baseline")
        let controlSGD = replay.run(control, baseline: baseline)
        try RunChecks.sgdFinite(experiment: experiment.name, columns: controlSGD.columns, parameters: params, which: "optimized")
        series += baselineSGD.columns.map { $0.written(for: .baseline) }
        series += controlSGD.columns.map { $0.written(for: .control) }
        for (k, v) in baselineSGD.results { sgdResults[ResultKey(k).baseline.text] = v }
        for (k, v) in controlSGD.results { sgdResults[ResultKey(k).control.text] = v }
    }
    let seconds = Date().timeIntervalSince(start)
    var extra = prepared.extraResults(baseline, control).merging(sgdResults) { $1 }
    if let v = chargedBaseline { extra[RunResults.valueBaselineControlCharged.text] = v }
    let outcome = RunOutcome(experiment: experiment.name, parameters: params, valueBaseline: baseline.value,
                             valueControl: valueControl, valueHistory: optimized.valueHistory, seconds: seconds,
                             control: optimized.theta, series: series, extra: extra, convergence: optimized.convergence)
    if let out = options.outDirectory {
        try writeOutcome(outcome, preset: options.preset, seed: options.seed, to: out)
    }
    finished = true
    progress.finish("\(experiment.name): V baseline \(String(format: "%.6g", baseline.value)) -> control \(String(format: "%.6g", valueControl)) in \(formatDuration(seconds))"
                    + (options.outDirectory.map { " -> \($0)" } ?? ""))
    return outcome
}

/// Standard per-step columns of a trajectory, then the experiment's own.
func trajectoryColumns(_ trajectory: Trajectory, baseline: Trajectory, _ prepared: PreparedRun, role: Role) -> [SeriesColumn] {
    ([SeriesColumn(RunColumns.loss, trajectory.losses),
      SeriesColumn(RunColumns.cost, trajectory.costs),
      SeriesColumn(RunColumns.reward, trajectory.rewards)]
        + prepared.describe(trajectory, baseline)).map { $0.written(for: role) }
}

/// series.csv, then result.json last: a folder with result.json holds a complete run, and
/// result.json records series.csv's rows and CRC-32 so a later reader can tell it is whole.
func writeOutcome(_ o: RunOutcome, preset: String, seed: UInt64, to directory: String) throws {
    let dir = directory as NSString
    let csv = Data(csvText(o.series).utf8)
    let checksum = FileChecksum(csv: csv)
    try AtomicFile.write(csv, to: dir.appendingPathComponent(RunFiles.series))
    var parameters: [String: Any] = [:]
    for k in o.parameters.order { parameters[k] = o.parameters.values[k]!.jsonObject }
    var json: [String: Any] = [
        RunResults.experiment.text: o.experiment, RunResults.preset.text: preset,
        RunResults.parameters.text: parameters, RunResults.seed.text: seed,
        RunResults.value.baseline.text: o.valueBaseline, RunResults.value.control.text: o.valueControl,
        RunResults.valueHistory.text: o.valueHistory, RunResults.seconds.text: o.seconds,
        RunResults.workbenchVersion.text: workbenchVersion,
        RunResults.seriesRows.text: checksum.rows, RunResults.seriesCRC32.text: Int(checksum.crc32),
    ]
    if let c = o.convergence {
        json[RunResults.optimizerEvaluations.text] = c.evaluations
        json[RunResults.optimizerStopReason.text] = c.stopReason.rawValue
        if let norm = c.projectedGradientNorm { json[RunResults.projectedGradientNorm.text] = norm }
        if let start = c.startProjectedGradientNorm { json[RunResults.startProjectedGradientNorm.text] = start }
    }
    for (k, v) in o.extra { json[k] = v }
    try AtomicFile.write(jsonData(json), to: dir.appendingPathComponent(RunFiles.result))
}
