import Foundation

/// What a plugin registers: a named experiment with its parameters and presets, which it turns
/// into a control problem. The engine, optimizer, progress, result files and figures are not its
/// business.
public protocol Experiment {
    var name: String { get }
    /// One line for `workbench list`.
    var summary: String { get }
    var parameters: [ParameterSpec] { get }
    /// Named overrides of the defaults: "quick" (seconds, for tests and demos) and "paper" (the
    /// paper's Tables 1-5).
    var presets: Presets { get }
    /// Whether the experiment reads MNIST files with these parameters.
    func needsMNIST(_ parameters: ParameterValues) -> Bool
    func prepare(_ parameters: ParameterValues, context: RunContext) throws -> PreparedRun
    /// Bumped when the experiment starts recording different results (new series columns or
    /// result.json fields) for the same parameters, so cached runs made before are recomputed
    /// (`workbench figures` keys its cache on it). Default 0.
    var outputRevision: Int { get }
}

public extension Experiment {
    func needsMNIST(_ parameters: ParameterValues) -> Bool { false }
    var outputRevision: Int { 0 }

    /// Defaults, then the preset, then the overrides, each validated.
    func resolve(preset: String, overrides: [(String, String)]) throws -> ParameterValues {
        guard let named = Preset(rawValue: preset) else {
            throw WorkbenchError("\(name): unknown preset '\(preset)': expected one of \(Preset.allCases.map(\.rawValue).sorted().joined(separator: "|"))")
        }
        return try resolve(named, overrides: overrides)
    }

    func resolve(_ preset: Preset, overrides: [(String, String)]) throws -> ParameterValues {
        let presetValues = presets.values(preset)
        let specs = Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0) })
        var values: [String: ParameterValue] = [:]
        for spec in parameters { values[spec.name] = try spec.validate(spec.defaultValue, experiment: name) }
        let apply = { (key: String, raw: String) throws in
            guard let spec = specs[key] else {
                throw WorkbenchError("\(self.name): unknown parameter '\(key)'; valid parameters: \(self.parameters.map(\.name).joined(separator: ", "))")
            }
            values[key] = try spec.validate(raw, experiment: self.name)
        }
        for (k, v) in presetValues.sorted(by: { $0.key < $1.key }) { try apply(k, v) }
        for (k, v) in overrides { try apply(k, v) }
        return ParameterValues(values: values, order: parameters.map(\.name))
    }
}

/// What a run needs from outside the experiment.
public struct RunContext {
    public var seed: UInt64
    /// Directory holding the MNIST IDX files (raw or .gz), if known.
    public var mnistDirectory: String?
    public init(seed: UInt64, mnistDirectory: String?) { self.seed = seed; self.mnistDirectory = mnistDirectory }

    public func requireMNIST() throws -> String {
        guard let dir = mnistDirectory else {
            throw WorkbenchError("this run needs MNIST IDX files and the bundled copy is missing: pass --mnist DIR or set MNIST_DIR")
        }
        return dir
    }
}

/// A named per-step column for series.csv.
public struct SeriesColumn {
    public var name: String
    public var values: [Double]
    public init(_ name: String, _ values: [Double]) { self.name = name; self.values = values }
}

/// A control problem ready to optimize, and how to describe its trajectories: plain values and
/// pure functions of them, which the runner may call in any order.
public struct PreparedRun {
    public var engine: any ValueEngine
    /// Where the optimization starts.
    public var initialControl: [Double]
    /// The control of the baseline (no intervention).
    public var baselineControl: [Double]
    /// The engine the baseline is evaluated on, when it differs from `engine`: the baseline never
    /// pays for control (C = 0), so an experiment whose neutral control is charged by its cost
    /// (active engagement: psi = 1 under beta|psi|^2) supplies the same problem with no cost.
    public var baselineEngine: (() throws -> any ValueEngine)?
    public var optimizer: OptimizerSettings
    /// Experiment-specific per-step columns (control norms, weight norms, engagement ...) of
    /// `trajectory`. `baseline` is the run's baseline trajectory (the same value when the baseline
    /// is described): what must match between the two, such as which weights are traced, is
    /// chosen from it. The runner suffixes "_baseline"/"_control".
    public var describe: (_ trajectory: Trajectory, _ baseline: Trajectory) -> [SeriesColumn]
    /// Optional SGD replay of the real network, which the runner runs under both controls.
    public var sgd: SGDReplay?
    /// Extra scalar results for result.json.
    public var extraResults: (_ baseline: Trajectory, _ control: Trajectory) -> [String: Any]

    /// `baselineControl` nil: all zeros (no gain, no change of rate).
    public init(engine: any ValueEngine, initialControl: [Double], baselineControl: [Double]? = nil,
                optimizer: OptimizerSettings,
                describe: @escaping (_ trajectory: Trajectory, _ baseline: Trajectory) -> [SeriesColumn] = { _, _ in [] },
                sgd: SGDReplay? = nil,
                extraResults: @escaping (_ baseline: Trajectory, _ control: Trajectory) -> [String: Any] = { _, _ in [:] },
                baselineEngine: (() throws -> any ValueEngine)? = nil) {
        self.engine = engine; self.initialControl = initialControl
        self.baselineControl = baselineControl ?? [Double](repeating: 0, count: engine.parameterCount)
        self.baselineEngine = baselineEngine
        self.optimizer = optimizer; self.describe = describe; self.sgd = sgd
        self.extraResults = extraResults
    }
}

/// The set of experiments the CLI knows, built from the plugin list.
public struct Registry {
    public private(set) var experiments: [any Experiment] = []
    public init(_ groups: [[any Experiment]]) {
        for group in groups { experiments += group }
        let names = experiments.map(\.name)
        precondition(Set(names).count == names.count, "two experiments share a name: \(names)")
    }
    public func experiment(named name: String) throws -> any Experiment {
        guard let e = experiments.first(where: { $0.name == name }) else {
            throw WorkbenchError("unknown experiment '\(name)'; available: \(experiments.map(\.name).joined(separator: ", "))")
        }
        return e
    }
}
