/// The keys many experiments share, declared once: read as `p[.steps]`, listed as
/// `.of(.steps, default: 600)`. The rows common to the paper's Tables 1-5 (whose defaults
/// `StandardDefaults` gathers), the SGD replay's, and the two-layer networks'.
/// (Static computed properties: a generic type cannot store static ones. Plugins keep their own
/// keys in their own namespaces, so two plugins never declare the same member here.)

public extension Parameter where Value == Int {
    static var steps: Parameter<Int> { Parameter("steps", "Euler steps N (the paper's T, in iterations)", range: 1...10_000_000) }
    static var iterations: Parameter<Int> { Parameter("iterations", "control gradient updates K", range: 0...10_000_000) }
    /// Replays of the real network by SGD under each control (`simulateSGD`).
    static var sgdRuns: Parameter<Int> {
        Parameter("sgd_runs", "SGD simulations of the real network under each control (0 = none)", range: 0...1000)
    }
    /// Steps of each SGD replay, when a replay is shorter than the optimized horizon.
    static var sgdSteps: Parameter<Int> {
        Parameter("sgd_steps", "SGD steps of each replay, at most steps", range: 1...10_000_000)
    }
    static var batch: Parameter<Int> { Parameter("batch", "SGD batch size", range: 1...1_000_000) }
    static var hidden: Parameter<Int> { Parameter("hidden", "hidden units H", range: 1...10_000) }
    /// Weights (and their gains) traced individually in series.csv (`TracedWeights`).
    static var traced: Parameter<Int> {
        Parameter("traced", "weights and gains of each layer traced individually in series.csv", range: 0...1000)
    }
}

public extension Parameter where Value == Double {
    static var learningRate: Parameter<Double> {
        Parameter("learning_rate", "network learning rate alpha = Euler step dt", range: 1e-12...10)
    }
    static var gamma: Parameter<Double> { Parameter("gamma", "discount factor gamma per unit time t = i*dt", range: 1e-300...1) }
    static var eta: Parameter<Double> { Parameter("eta", "reward conversion eta", range: 0...1e6) }
    static var beta: Parameter<Double> { Parameter("beta", "control cost coefficient beta", range: 0...1e6) }
    static var controlRate: Parameter<Double> { Parameter("control_lr", "control learning rate alpha_g", range: 0...1e9) }
    static var lower: Parameter<Double> { Parameter("lower", "control lower bound") }
    static var upper: Parameter<Double> { Parameter("upper", "control upper bound") }
    static var lambda: Parameter<Double> { Parameter("lambda", "L2 regularization lambda", range: 0...1e6) }
    static var weightInitStd: Parameter<Double> { Parameter("init_std", "weight init std", range: 0...10) }
    /// Spread of a seeded initial control around its neutral value.
    static var controlInitStd: Parameter<Double> {
        Parameter("control_init_std", "std of a seeded perturbation of the initial control", range: 0...10)
    }
}

public extension Parameter where Value == OptimizerKind {
    static var optimizer: Parameter<OptimizerKind> {
        Parameter("optimizer", "gradient = the paper's clamped ascent (eq. 3); adam = Adam (amsgrad); "
                  + "lbfgs = projected L-BFGS to the converged optimum (iterations = its evaluation budget)")
    }
}

/// A cost whose form the user chooses (single-neuron: Sec. 2.1's beta g^2, or exp(beta g^2) - 1).
/// Shared so that a diverging run's message can name it.
public enum CostForm: String, ParameterChoice {
    case quadratic, exponential

    public var shape: NormCost.Shape { self == .quadratic ? .quadratic : .exponential }
}

public extension Parameter where Value == CostForm {
    static var cost: Parameter<CostForm> { Parameter("cost", "control cost: quadratic beta |g|^2 or exp(beta |g|^2) - 1") }
}
