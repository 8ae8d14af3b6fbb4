import WorkbenchKit

/// The worked example of docs/plugins.md: a weight-decay schedule as the control. The plugin's
/// experiments, and the names and keys its experiment and figure share.
public enum WeightDecayPlugin: WorkbenchPlugin {
    public static let experiments: [any Experiment] = [
        WeightDecayExperiment(),
    ]
}

/// What the weight-decay experiment is called and what it writes beyond the runner's columns
/// (`RunColumns`: loss, cost, reward), for its figure.
public enum WeightDecayNames {
    public static let weightDecay = ExperimentName("weight-decay")

    /// The weight decay lambda(t).
    public static let decay = TrajectoryColumn("decay")
    /// The loss on the training sample, which gradient descent minimizes (L is the population's).
    public static let trainingLoss = TrajectoryColumn("train_loss")
    /// |w(t)|.
    public static let weightNorm = TrajectoryColumn("weight_norm")

    /// result.json: the population loss at the training set's least-squares fit, where plain
    /// gradient descent is headed (absent when A is singular, n < d).
    public static let leastSquaresLoss = ResultKey("least_squares_loss")
    /// result.json: the constant decay within the bounds whose ridge fit pays the least eta L + beta lambda^2.
    public static let bestConstantDecay = ResultKey("best_constant_decay")
}

/// The parameters of `weight-decay` beyond the shared ones (steps, learning_rate, gamma, beta, ...).
public enum WeightDecayKeys {
    public static let inputs = Parameter<Int>("inputs", "input dimension d (weights learned)", range: 1...1000)
    public static let examples = Parameter<Int>("examples", "training examples n (n near d: easy to overfit)",
                                                range: 1...1_000_000)
    public static let noise = Parameter<Double>("noise", "label noise std sigma", range: 0...100)
}
