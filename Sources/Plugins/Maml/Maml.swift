import WorkbenchKit

/// Multi-step MAML in the learning-effort framework (Sec. 4, App. F.1).
public enum MamlPlugin: WorkbenchPlugin {
    public static let experiments: [any Experiment] = [
        MamlExperiment(),
    ]
}
