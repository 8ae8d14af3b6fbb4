import WorkbenchKit

/// The engagement experiments' own parameters (see `Parameter`); the network, SGD and MNIST
/// ones are shared.
public enum EngagementKeys {
    public static let mode = Parameter<EngagementMode>(
        "mode", "cost of engagement: attentive beta|1-psi|^2, active beta|psi|^2, vector beta(|psi|^2-Psi)^2")
    public static let psiSize = Parameter<Double>("psi_size", "Psi, the engagement norm^2 of vector mode (0 = number of tasks)",
                                                  range: 0...1e6)
    public static let pairs = Parameter<[Int]>("pairs", "MNIST digit pairs, concatenated two by two")
    public static let chunk = Parameter<Int>("chunk", "steps over which the class proportions are held constant (expected dynamics)",
                                             range: 1...1_000_000)
}
