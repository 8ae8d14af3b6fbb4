import WorkbenchKit

/// The parameters of `weight-decay` beyond the shared ones (steps, learning_rate, gamma, beta, ...).
public enum WeightDecayKeys {
    public static let inputs = Parameter<Int>("inputs", "input dimension d (weights learned)", range: 1...1000)
    public static let examples = Parameter<Int>("examples", "training examples n (n near d: easy to overfit)",
                                                range: 1...1_000_000)
    public static let noise = Parameter<Double>("noise", "label noise std sigma", range: 0...100)
}
