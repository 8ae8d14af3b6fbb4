import WorkbenchKit

/// Bilevel programming in the learning-effort framework (Sec. 4, App. F.2).
public enum BilevelPlugin: WorkbenchPlugin {
    public static let experiments: [any Experiment] = [
        LearningRateExperiment(),
    ]
}
