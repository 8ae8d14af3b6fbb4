import WorkbenchKit

/// The experiments this plugin registers.
public enum TaskSwitchPlugin: WorkbenchPlugin {
    public static let experiments: [any Experiment] = [
        TaskSwitchExperiment(),
    ]
}
