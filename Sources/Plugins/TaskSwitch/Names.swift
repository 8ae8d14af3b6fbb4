import WorkbenchKit

/// What the task-switch experiment is called and what it writes beyond the runner's columns and
/// the two-layer summaries (`TwoLayerColumnNames`), for the figures.
public enum TaskSwitchNames {
    public static let taskSwitch = ExperimentName("task-switch")

    /// The active task's index at each step.
    public static let task = TrajectoryColumn("task")
    /// The cost of control divided by its maximum over the run (Fig. 5f-g).
    public static let costNormalized = TrajectoryColumn("cost_normalized")

    /// result.json: the steps at which the task switches.
    public static let switchSteps = ResultKey("switch_steps")
    /// result.json, per role: the loss on the new task right at each switch.
    public static let lossAtSwitch = ResultKey("loss_at_switch")
    /// result.json, per role: `costNormalized` at each switch.
    public static let costNormalizedAtSwitch = ResultKey("cost_normalized_at_switch")
    /// result.json, per role: the loss on the old task just before each switch.
    public static let lossBeforeSwitch = ResultKey("loss_before_switch")
    /// result.json, per role: steps the loss takes after each switch to recover half-way to its
    /// level at the end of that period.
    public static let recoverySteps = ResultKey("recovery_steps")
}
