import WorkbenchKit

/// The worked example of README's "Adding an intervention": a weight-decay schedule as the control.
public enum WeightDecayPlugin: WorkbenchPlugin {
    public static let experiments: [any Experiment] = [
        WeightDecayExperiment(),
    ]
}
