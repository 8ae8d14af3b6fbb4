import WorkbenchKit

/// What the learning-rate experiment is called and the columns it writes beyond the runner's.
public enum BilevelNames {
    public static let learningRate = ExperimentName("learning-rate")

    /// The control rho(t) and the learning rate it gives, alpha(t) = (1 + rho(t)) alpha.
    public static let rho = TrajectoryColumn("rho")
    public static let effectiveLearningRate = TrajectoryColumn("effective_lr")
    /// The loss of the features at each hierarchy level ("loss_level0"), member: the level.
    public static let levelLosses = ColumnFamily(prefix: "loss_level")
}
