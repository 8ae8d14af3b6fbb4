import Datasets
import WorkbenchKit

/// The MNIST split parameter shared by the engagement experiments. The paper used the training
/// split; ../shared/data/mnist holds only the test images, so `test` is the default here.
enum MNISTSource {
    static let spec = ParameterSpec.choice(
        "split", "test", MNISTSplit.allCases.map(\.rawValue),
        "MNIST split the statistics come from (the paper used train; ../shared/data/mnist holds test images only)")

    static func split(_ p: ParameterValues) throws -> MNISTSplit {
        guard let s = MNISTSplit(rawValue: p.string("split")) else {
            throw WorkbenchError("parameter 'split': expected train|test")
        }
        return s
    }
}

/// Replaces the default of some standard specs (e.g. the upper bound a mode implies).
func withDefaults(_ specs: [ParameterSpec], _ replacements: [String: ParameterSpec]) -> [ParameterSpec] {
    specs.map { replacements[$0.name] ?? $0 }
}

/// Per-step control columns: entry `k` of every step's control, one column per name.
func controlColumns(_ trajectory: Trajectory, range: Range<Int>, names: [String]) -> [SeriesColumn] {
    let m = trajectory.controlCount, steps = trajectory.steps
    let controls = trajectory.controls
    return zip(range, names).map { k, name in SeriesColumn(name, (0..<steps).map { controls[$0 * m + k] }) }
}

/// Initial engagement coefficients: the paper's ones, plus a small seeded perturbation so that
/// repeated runs (the 5 runs of Fig. 4) differ in their control initialisation too.
func initialEngagement(steps: Int, perStep: Int, value: Double, std: Double,
                       using rng: inout SeededGenerator) -> [Double] {
    (0..<(steps * perStep)).map { _ in value + (std > 0 ? rng.normal(mean: 0, std: std) : 0) }
}
