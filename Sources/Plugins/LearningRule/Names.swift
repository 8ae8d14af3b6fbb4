import WorkbenchKit

/// What the learning-rule experiment is called and what it writes beyond the runner's columns.
public enum LearningRuleNames {
    public static let learningRule = ExperimentName("learning-rule")

    /// The rule's coefficients at each step: feedback gamma_r(t) and Hebbian eta_r(t).
    public static let feedback = TrajectoryColumn("feedback")
    public static let hebbian = TrajectoryColumn("hebbian")

    /// result.json: the named rules of Cao et al.'s plane, each with `ruleName`, `feedbackKey`, `hebbianKey`.
    public static let namedRules = ResultKey("named_rules")
    /// result.json: the optimized rule's time average, with `feedbackKey` and `hebbianKey`.
    public static let ruleMean = ResultKey("rule_mean")
    /// result.json: the optimized rule at the first step and at the last one that acts, like `ruleMean`.
    public static let ruleStart = ResultKey("rule_start"), ruleEnd = ResultKey("rule_end")
    /// result.json: the regime's name (which named rules the optimum mixes).
    public static let regime = ResultKey("regime")
    /// Fields inside `namedRules` and `ruleMean`.
    public static let ruleName = "name", feedbackKey = "feedback", hebbianKey = "hebbian"
}

public extension LearningRuleNames {
    /// RMS of all weights at each step.
    static let weightRMS = TrajectoryColumn("weight_l2")
}
