import WorkbenchKit

/// The experiments this plugin registers.
public enum TaskSwitchPlugin {
    public static let experiments: [any Experiment] = [
        TaskSwitchExperiment(),
    ]
}
