import WorkbenchKit

/// The experiments this plugin registers.
public enum GainModulationPlugin: WorkbenchPlugin {
    public static let experiments: [any Experiment] = [
        SingleNeuronExperiment(),
        EffortAllocationExperiment(),
        NonLinearExperiment(),
    ]
}
