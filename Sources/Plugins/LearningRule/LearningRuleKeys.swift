import WorkbenchKit

/// The parameters of `learning-rule` beyond the shared ones (see `Parameter`).
public enum LearningRuleKeys {
    public static let feedbackBound = Parameter<Double>("feedback_bound", "|gamma_r| bound (App. F.3: -1 < gamma_r < 1)",
                                                        range: 0...1e6)
    public static let hebbianBound = Parameter<Double>("hebbian_bound", "|eta_r| bound (App. F.3: -0.2 < eta_r < 0.2)",
                                                       range: 0...1e6)
    public static let hebbianRate = Parameter<HebbianRate>(
        "hebbian_rate", "alpha: the Hebbian term at the rule's rate alpha (Fig. 9); printed: eqs. 34/37 as printed, no alpha")
}
