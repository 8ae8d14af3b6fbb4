import WorkbenchKit

/// One experiment run a figure needs: an experiment of the registry, a preset, overrides on
/// top of it and a seed. Two figures asking for the same run share it (same cache folder).
public struct RunRequest: Hashable, CustomStringConvertible {
    public var experiment: ExperimentName
    public var preset: String
    public var overrides: [String: String]
    public var seed: UInt64

    public init(_ experiment: ExperimentName, preset: String, _ overrides: [String: String] = [:], seed: UInt64 = 0) {
        self.experiment = experiment; self.preset = preset; self.overrides = overrides; self.seed = seed
    }

    /// The overrides in a stable order, as `runExperiment` takes them.
    public var orderedOverrides: [(String, String)] { overrides.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }

    /// `effort-allocation [quick] dataset=gaussian seed=1`: for progress lines and index.md.
    public var description: String {
        ([experiment.text, "[\(preset)]"] + orderedOverrides.map { "\($0)=\($1)" } + ["seed=\(seed)"]).joined(separator: " ")
    }

    /// The same run with some overrides changed.
    public func with(_ changes: [String: String]) -> RunRequest {
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
