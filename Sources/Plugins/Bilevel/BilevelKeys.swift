import WorkbenchKit

/// The parameters of `learning-rate` beyond the shared ones (see `Parameter`).
public enum BilevelKeys {
    public static let offset = Parameter<Double>("offset", "cost offset: C = beta (rho - offset)^2 (0 or -1 in the paper)",
                                                 range: -1e6...1e6)
    public static let initialRho = Parameter<InitialRho>("init", "initial rho: the cost offset (the authors' scripts) or 0")
    // Adam normalizes each step by sqrt(E[g^2]) + epsilon: where gamma^t dt has shrunk the
    // gradient below epsilon, rho never leaves its start (Fig. 8c's late rates at small gamma).
    public static let adamEpsilon = Parameter<Double>("adam_epsilon",
                                                      "Adam's epsilon (torch default 1e-8; ~1e-300 makes the steps scale-free)",
                                                      range: 1e-300...1)
}

/// Where rho starts: at the cost offset (the authors' scripts at HEAD) or at 0 (the paper's figures).
public enum InitialRho: String, ParameterChoice {
    case offset, zero
}
