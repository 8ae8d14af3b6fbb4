import WorkbenchKit

/// What the MAML experiment is called and the result.json fields the figures read (its
/// evaluation runs after the optimization; series.csv holds the meta-objective's terms).
public enum MamlNames {
    public static let maml = ExperimentName("maml")

    /// result.json: the task pairs' names ("(0,1)", ...).
    public static let tasks = ResultKey("tasks")
    /// result.json, per role: the mean loss over tasks after one update from the initialization.
    public static let oneStepLoss = ResultKey("one_step_loss")
    /// result.json, per role: `oneStepLoss` of each task.
    public static let oneStepLossPerTask = ResultKey("one_step_loss_per_task")
    /// result.json, per role: the evaluation loss curve, mean over tasks and per task.
    public static let evalLossMean = ResultKey("eval_loss_mean")
    public static let evalLossPerTask = ResultKey("eval_loss_per_task")
    /// result.json, per role: sum dt L over the evaluation, mean over tasks, per task, and on the
    /// held-out split when the run evaluated one.
    public static let cumulativeEvalLoss = ResultKey("cumulative_eval_loss")
    public static let cumulativeEvalLossPerTask = ResultKey("cumulative_eval_loss_per_task")
    public static let cumulativeEvalLossHeldout = heldout(cumulativeEvalLoss)

    /// An evaluation field measured on the held-out split ("cumulative_eval_loss_heldout").
    public static func heldout(_ key: ResultKey) -> ResultKey { ResultKey(key.text + "_heldout") }

    /// series.csv: each task's loss along the trajectory ("task_loss_0"), and their mean.
    public static let taskLosses = ColumnFamily(prefix: "task_loss_")
    public static let taskLossMean = taskLosses.member("mean")
}
