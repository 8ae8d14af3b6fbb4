import WorkbenchKit

/// Meta-learning the learning rule (App. F.3, Fig. 9).
public enum LearningRulePlugin: WorkbenchPlugin {
    public static let experiments: [any Experiment] = [
        LearningRuleExperiment(),
    ]
}
