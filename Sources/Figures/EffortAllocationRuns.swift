import WorkbenchKit

/// The effort-allocation runs of Sec. 6 / App. K.2 (Table 5) on one dataset, over seeds
/// (5 in the paper preset as in the authors' plots, 3 in quick), shared by Figs. 5, 11-15.
enum EffortAllocationRuns {
    static let experiment = "effort-allocation"

    static func seeds(_ c: PlanContext) -> Int { c.preset == .paper ? 5 : 3 }

    /// The quick preset covers the paper's whole learning time t = 16000 x 0.005 = 80 in 2000
    /// Euler steps of 0.04 (the same discount per unit time; control_lr scaled by the step so
    /// each control update moves g as far), with 100 control updates: the horizon of the
    /// plugin's own quick preset ends before the semantic task leaves its first plateau.
    static let quickOverrides = ["learning_rate": "0.04", "steps": "2000", "control_lr": "1.25", "iterations": "100"]

    static func requests(dataset: String, _ c: PlanContext) -> [RunRequest] {
        var overrides = ["dataset": dataset, "traced": "10"]
        if c.preset == .quick { overrides.merge(quickOverrides) { $1 } }
        let base = RunRequest(experiment, preset: c.preset.rawValue, overrides)
        return (0..<seeds(c)).map { base.seed(UInt64($0)) }
    }

    static func note(dataset: String, _ c: PlanContext) -> String {
        "effort-allocation `\(c.preset.rawValue)` preset (Table 5) with dataset=\(dataset)"
            + (c.preset == .quick ? " and " + quickOverrides.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") : "")
            + "; mean and ±2 std over "
            + "\(seeds(c)) seeds (weight initialisation and initial control)"
    }
}
