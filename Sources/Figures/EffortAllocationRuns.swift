import WorkbenchKit

/// The effort-allocation runs of Sec. 6 / App. K.2 (Table 5) on one dataset, over seeds
/// (5 in the paper preset as in the authors' plots, 3 in quick), shared by Figs. 5, 11-15.
enum EffortAllocationRuns {
    static let experiment = "effort-allocation"

    static func seeds(_ c: PlanContext) -> Int { c.preset == .paper ? 5 : 3 }

    static func requests(dataset: String, _ c: PlanContext) -> [RunRequest] {
        let base = RunRequest(experiment, preset: c.preset.rawValue, ["dataset": dataset, "traced": "10"])
        return (0..<seeds(c)).map { base.seed(UInt64($0)) }
    }

    static func note(dataset: String, _ c: PlanContext) -> String {
        "effort-allocation `\(c.preset.rawValue)` preset (Table 5) with dataset=\(dataset); mean and ±2 std over "
            + "\(seeds(c)) seeds (weight initialisation and initial control)"
    }
}
