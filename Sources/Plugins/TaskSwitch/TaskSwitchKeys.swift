import WorkbenchKit

/// The parameters of `task-switch` beyond the shared ones (see `Parameter`).
public enum TaskSwitchKeys {
    public static let switchEvery = Parameter<Int>("switch_every", "iterations per task before switching (Table 5)",
                                                   range: 1...10_000_000)
    public static let taskA = Parameter<[Double]>("task_a", "task A: mu1,mu2,p (sigma 1,1)")
    public static let taskB = Parameter<[Double]>("task_b", "task B: mu1,mu2,p (sigma 1,1)")
}
