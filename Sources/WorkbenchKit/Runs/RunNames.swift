/// Typed names for what a run writes, shared by the experiment that writes it and the figures
/// that read it: a renamed column fails to compile in both instead of failing to draw. Each
/// plugin declares its own in a `Names` file beside its experiments; the names the runner and
/// the shared networks write are below. Every name spells exactly the string on disk.

/// The name an experiment is registered, run and cached under ("effort-allocation").
public struct ExperimentName: Hashable, CustomStringConvertible, Sendable {
    public let text: String
    public init(_ text: String) { self.text = text }
    public var description: String { text }
}

/// Which trajectory a per-step column or result describes: the runner writes each once per role.
public enum Role: String, CaseIterable, Sendable {
    /// The run without intervention (the experiment's neutral control).
    case baseline
    /// The run under the optimized control.
    case control

    /// What the runner appends to a column or result name: "_baseline" or "_control".
    public var suffix: String { "_" + rawValue }
}

/// One column of series.csv, exactly as in its header ("loss_control").
public struct ColumnName: Hashable, CustomStringConvertible, Sendable {
    public let text: String
    public init(_ text: String) { self.text = text }
    public var description: String { text }
}

/// A per-step quantity an experiment describes for each trajectory (`describe`, `simulate`):
/// series.csv holds it once per role, `<stem>_baseline` and `<stem>_control`.
public struct TrajectoryColumn: Hashable, Sendable {
    /// The name the experiment gives the column before the runner adds the role ("loss").
    public let stem: String
    public init(_ stem: String) { self.stem = stem }
    public subscript(_ role: Role) -> ColumnName { ColumnName(stem + role.suffix) }
    public var baseline: ColumnName { self[.baseline] }
    public var control: ColumnName { self[.control] }
}

/// Columns named `<prefix><member>` per role, one per task, class, node or traced weight
/// ("psi_(0,1)", "w1_17"); the members are found in the file.
public struct ColumnFamily: Hashable, Sendable {
    public let prefix: String
    public init(prefix: String) { self.prefix = prefix }
    /// The family's column for one member ("w1_" + "17").
    public func member(_ name: String) -> TrajectoryColumn { TrajectoryColumn(prefix + name) }
}

/// An SGD replay's statistics of a quantity over its runs: `sgd_<quantity>_mean` and
/// `sgd_<quantity>_std`, per role like every trajectory column.
public struct SGDColumns: Hashable, Sendable {
    /// The quantity ("loss", "eval_loss", "w1_17"), as the SGD probe names it.
    public let quantity: String
    public init(_ quantity: String) { self.quantity = quantity }
    /// The same statistics of a trajectory column's quantity (a traced weight replayed by SGD).
    public init(of column: TrajectoryColumn) { self.quantity = column.stem }
    public var mean: TrajectoryColumn { TrajectoryColumn("sgd_\(quantity)_mean") }
    public var std: TrajectoryColumn { TrajectoryColumn("sgd_\(quantity)_std") }
}

/// A field of result.json ("switch_steps"); role-specific ones add the role ("one_step_loss_control").
public struct ResultKey: Hashable, CustomStringConvertible, Sendable {
    public let text: String
    public init(_ text: String) { self.text = text }
    public subscript(_ role: Role) -> ResultKey { ResultKey(text + role.suffix) }
    public var baseline: ResultKey { self[.baseline] }
    public var control: ResultKey { self[.control] }
    public var description: String { text }
}

public extension SeriesColumn {
    /// A trajectory column as an experiment describes it (the runner adds the role).
    init(_ column: TrajectoryColumn, _ values: [Double]) { self.init(column.stem, values) }
    /// A column as written, with its full name.
    init(_ column: ColumnName, _ values: [Double]) { self.init(column.text, values) }
    /// A described column (named by its stem) as the runner writes it for `role`.
    func written(for role: Role) -> SeriesColumn { SeriesColumn(TrajectoryColumn(name)[role], values) }
}

/// The two files of a finished run folder.
public enum RunFiles {
    /// One row per step: `RunColumns.step`, `RunColumns.time`, then every column per role.
    public static let series = "series.csv"
    /// Written last: scalars and lists (`RunResults` and the experiment's own `ResultKey`s).
    public static let result = "result.json"
}

/// What the runner writes for every experiment (`runExperiment`), per role.
public enum RunColumns {
    /// The first two columns, the same for both roles: the step index and the time t = step x dt.
    public static let step = ColumnName("step"), time = ColumnName("t")
    /// The loss L(t) of each step.
    public static let loss = TrajectoryColumn("loss")
    /// The cost of control C(t).
    public static let cost = TrajectoryColumn("cost")
    /// The instant net reward v(t) = -eta L(t) - C(t).
    public static let reward = TrajectoryColumn("reward")
    /// The SGD replay's sampled batch loss (`SGDSummary`), when the experiment simulates.
    public static let sgdLoss = SGDColumns("loss")
}

/// The two-layer network's per-step summaries (`TwoLayerColumns`).
public enum TwoLayerColumnNames {
    /// RMS of the first- and second-layer gains.
    public static let gain1RMS = TrajectoryColumn("g1_rms"), gain2RMS = TrajectoryColumn("g2_rms")
    /// L1 = mean|w| and L2 = RMS w of all weights.
    public static let weightL1 = TrajectoryColumn("weight_l1"), weightL2 = TrajectoryColumn("weight_l2")
    /// Traced weights of layer 1 and 2 (member: flat index in the layer), and their gains.
    public static let weights1 = ColumnFamily(prefix: "w1_"), weights2 = ColumnFamily(prefix: "w2_")
    public static let gains1 = ColumnFamily(prefix: "g1_"), gains2 = ColumnFamily(prefix: "g2_")

    /// The traced weights of `layer` (1 or 2).
    public static func weights(layer: Int) -> ColumnFamily { layer == 1 ? weights1 : weights2 }
    /// The traced gains of `layer` (1 or 2); their family also holds the layer's RMS column.
    public static func gains(layer: Int) -> ColumnFamily { layer == 1 ? gains1 : gains2 }
    /// The RMS of `layer`'s gains.
    public static func gainRMS(layer: Int) -> TrajectoryColumn { layer == 1 ? gain1RMS : gain2RMS }
}

/// What the runner writes in every run's result.json (`writeOutcome`).
public enum RunResults {
    /// The run's identity: experiment name, preset, seed and the workbench version that wrote it.
    public static let experiment = ResultKey("experiment"), preset = ResultKey("preset")
    public static let seed = ResultKey("seed"), workbenchVersion = ResultKey("workbench_version")
    /// V of the baseline and of the optimized control, per role ("value_baseline").
    public static let value = ResultKey("value")
    /// V through the control iterations.
    public static let valueHistory = ResultKey("value_history")
    /// The baseline control's V under the run's own cost, where the baseline is uncharged.
    public static let valueBaselineControlCharged = ResultKey("value_baseline_control_charged")
    public static let seconds = ResultKey("seconds")
    /// The resolved parameters, by name.
    public static let parameters = ResultKey("parameters")
    /// series.csv's data rows and CRC-32, as written.
    public static let seriesRows = ResultKey("series_rows"), seriesCRC32 = ResultKey("series_crc32")
    /// How the optimization ended (`ConvergenceReport`): gradient evaluations, why it stopped and
    /// its final projected-gradient norm and the same at the start (when the optimizer has one).
    public static let optimizerEvaluations = ResultKey("optimizer_evaluations")
    public static let optimizerStopReason = ResultKey("optimizer_stop_reason")
    public static let projectedGradientNorm = ResultKey("projected_gradient_norm")
    public static let startProjectedGradientNorm = ResultKey("projected_gradient_norm_start")
}
