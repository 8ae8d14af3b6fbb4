import WorkbenchKit

/// The gain-modulation experiments' own parameters (see `Parameter`); the network, SGD and
/// dataset ones are shared.
public enum GainKeys {
    public static let dataset = Parameter<GainTask>("dataset", "task: correlated Gaussians, semantic hierarchy or MNIST")
    public static let basis = Parameter<GainBasis>("basis", "one gain per weight, or per neuron (App. H.1.1)")
    public static let noise = Parameter<Double>("noise", "output noise sigma", range: 0...1e6)
    public static let initialGainStd = Parameter<Double>("g_init_std", "std of the random initial gains (authors: N(0, 0.01))",
                                                         range: 0...10)
    public static let evalExamples = Parameter<Int>(
        "eval_examples", "fixed evaluation sample the SGD runs' loss is measured on at every step", range: 1...1_000_000)
    // The single neuron's task and start (Sec. 2.1).
    public static let mu = Parameter<Double>("mu", "mean of the Gaussians (+-mu)")
    public static let sigma = Parameter<Double>("sigma", "input noise sigma_x", range: 0...1e6)
    public static let initialWeight = Parameter<Double>("w0", "initial weight w(0)")
}

/// Where the gains of `effort-allocation` sit: one per weight, or one per neuron (a whole row).
public enum GainBasis: String, ParameterChoice {
    case synapse, neuron
}
