import WorkbenchKit

/// What this plugin's experiments are called and the series.csv columns they write beyond the
/// runner's (`RunColumns`) and the two-layer summaries (`TwoLayerColumnNames`), for the figures.
public enum GainModulationNames {
    public static let singleNeuron = ExperimentName("single-neuron")
    public static let effortAllocation = ExperimentName("effort-allocation")
    public static let nonLinear = ExperimentName("non-linear")

    /// single-neuron: the gain g(t), the weight w(t) and the effective weight w~ = w (1 + g).
    public static let gain = TrajectoryColumn("g")
    public static let weight = TrajectoryColumn("w")
    public static let effectiveWeight = TrajectoryColumn("w_effective")

    /// non-linear's SGD replay of the tanh network: the loss on its fixed evaluation sample, the
    /// weight norms, and each traced weight (`SGDColumns(of:)` a `TwoLayerColumnNames` weight).
    public static let sgdEvalLoss = SGDColumns("eval_loss")
    public static let sgdWeightL1 = SGDColumns(of: TwoLayerColumnNames.weightL1)
    public static let sgdWeightL2 = SGDColumns(of: TwoLayerColumnNames.weightL2)
    /// result.json, per role: V of the real network's SGD runs under that role's control.
    public static let sgdValue = ResultKey("sgd_value")
}
