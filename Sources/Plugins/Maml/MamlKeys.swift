import Datasets
import WorkbenchKit

/// The parameters of `maml` beyond the shared ones (see `Parameter`).
public enum MamlKeys {
    public static let optimizedSteps = Parameter<Int>(
        "optimized_steps", "K: gradient steps in the meta-objective (1 = standard MAML; paper 1, 20, 40, ..., 340)",
        range: 1...1_000_000)
    public static let objective = Parameter<MamlObjective>(
        "objective",
        "losses summed in V: after-updates = i = 1..K (eq. 26), with-initial-loss = i = 0..K (authors' code, paper figures)")
    public static let evalSteps = Parameter<Int>("eval_steps", "steps of learning from the found initialization in the evaluation",
                                                 range: 1...10_000_000)
    public static let tasks = Parameter<[Int]>("tasks", "MNIST digit pairs, flattened: 0,1,7,1 = tasks (0,1) and (7,1) (App. F.1)")
    public static let heldout = Parameter<HeldOutSplit>("heldout", "second split for the evaluation (paper: test), or none")
}

/// The MNIST split the evaluation is repeated on, if any.
public enum HeldOutSplit: String, ParameterChoice {
    case none, train, test

    public var split: MNISTSplit? { MNISTSplit(rawValue: rawValue) }
}
