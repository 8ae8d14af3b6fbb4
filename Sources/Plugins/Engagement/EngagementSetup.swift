import WorkbenchKit

/// Replaces the default of some standard specs (e.g. the upper bound a mode implies), by name.
func withDefaults(_ specs: [ParameterSpec], _ replacements: [ParameterSpec]) -> [ParameterSpec] {
    specs.map { spec in replacements.first { $0.name == spec.name } ?? spec }
}

/// Per-step control columns: entry `k` of every step's control, one column per name.
func controlColumns(_ trajectory: Trajectory, range: Range<Int>, names: [String]) -> [SeriesColumn] {
    let m = trajectory.controlCount, steps = trajectory.steps
    let controls = trajectory.controls
    return zip(range, names).map { k, name in SeriesColumn(name, (0..<steps).map { controls[$0 * m + k] }) }
}

/// Initial engagement coefficients: the paper's ones, plus a small seeded perturbation so that
/// repeated runs (the 5 runs of Fig. 4) differ in their control initialization too.
func initialEngagement(steps: Int, perStep: Int, value: Double, std: Double,
                       using rng: inout SeededGenerator) -> [Double] {
    (0..<(steps * perStep)).map { _ in value + (std > 0 ? rng.normal(mean: 0, std: std) : 0) }
}
