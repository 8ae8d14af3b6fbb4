import WorkbenchKit

/// One experiment run a figure needs: an experiment of the registry, a preset, overrides on
/// top of it and a seed. Two figures asking for the same run share it (same cache folder).
/// Overrides are set through the experiments' typed keys (`.set(.sgdRuns, 0)`) and kept as the
/// text `--set` would take, which the run resolves and its cache key records.
public struct RunRequest: Hashable, CustomStringConvertible {
    public var experiment: ExperimentName
    public var preset: Preset
    /// Parameter name -> value text.
    public private(set) var overrides: [String: String]
    public var seed: UInt64

    public init(_ experiment: ExperimentName, preset: Preset, _ settings: [PresetSetting] = [], seed: UInt64 = 0) {
        self.init(experiment, preset: preset, texts: Self.texts(settings), seed: seed)
    }

    init(_ experiment: ExperimentName, preset: Preset, texts overrides: [String: String], seed: UInt64 = 0) {
        self.experiment = experiment; self.preset = preset; self.overrides = overrides; self.seed = seed
    }

    static func texts(_ settings: [PresetSetting]) -> [String: String] {
        Dictionary(settings.map { ($0.name, $0.text) }, uniquingKeysWith: { $1 })
    }

    /// The overrides in a stable order, as `runExperiment` takes them.
    var orderedOverrides: [(String, String)] { overrides.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }

    /// `effort-allocation [quick] dataset=gaussian seed=1`: for progress lines and index.md.
    public var description: String {
        ([experiment.text, "[\(preset.rawValue)]"] + orderedOverrides.map { "\($0)=\($1)" } + ["seed=\(seed)"]).joined(separator: " ")
    }

    /// The same run with some parameters set (replacing earlier settings of the same keys).
    public func with(_ settings: [PresetSetting]) -> RunRequest { with(Self.texts(settings)) }

    /// The same run with some overrides changed, by name and text.
    func with(_ changes: [String: String]) -> RunRequest {
        var r = self
        r.overrides.merge(changes) { $1 }
        return r
    }

    public func seed(_ s: UInt64) -> RunRequest {
        var r = self
        r.seed = s
        return r
    }
}
