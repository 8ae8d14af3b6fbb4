import WorkbenchKit

/// One run repeated over seeds (weight and control initialization): what a figure averages
/// for its mean and ±2 std, with the note index.md shows about it.
public struct SeededRuns {
    public let requests: (PlanContext) -> [RunRequest]
    public let note: (PlanContext) -> String

    public func first(_ c: PlanContext) -> RunRequest { requests(c)[0] }

    /// `experiment` under the preset with `settings` (plus `quick` ones in the quick preset),
    /// seeds 0..<5 in the paper preset (the authors' replicates), 0..<3 in quick.
    public static func make(_ experiment: ExperimentName, _ settings: [PresetSetting] = [], quick quickSettings: [PresetSetting] = [],
                            why: String = "") -> SeededRuns {
        func seeds(_ c: PlanContext) -> Int { c.preset == .paper ? 5 : 3 }
        let overrides = RunRequest.texts(settings), quick = RunRequest.texts(quickSettings)
        return SeededRuns(
            requests: { c in
                var o = overrides
                if c.preset == .quick { o.merge(quick) { $1 } }
                let base = RunRequest(experiment, preset: c.preset, texts: o)
                return (0..<seeds(c)).map { base.seed(UInt64($0)) }
            },
            note: { c in
                let shown = overrides.merging(c.preset == .quick ? quick : [:]) { $1 }
                var s = "\(experiment.text) `\(c.preset.rawValue)` preset"
                if !shown.isEmpty { s += " with " + shown.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") }
                s += "; mean and ±2 std over \(seeds(c)) seeds (weight and control initialization)"
                if c.preset == .quick && !why.isEmpty { s += ". " + why }
                return s
            })
    }
}
