import Datasets
import WorkbenchKit

/// The three base datasets of the gain-modulation experiments (App. J, Table 5) and their
/// per-dataset defaults.
enum GainTask: String, CaseIterable {
    case gaussian, semantic, mnist

    /// Table 5's hidden sizes.
    var paperHidden: Int { switch self { case .gaussian: 6; case .semantic: 30; case .mnist: 50 } }
    /// Weight initialisation std (reference notes: 0.01; semantic 1e-4 for the rich regime).
    var initStd: Double { self == .semantic ? 1e-4 : 0.01 }

    func load(_ p: ParameterValues, context: RunContext) throws -> Dataset {
        switch self {
        case .gaussian: return try CorrelatedGaussian().dataset
        case .semantic: return try SemanticHierarchy(levels: p.int("levels")).dataset
        case .mnist:
            let dir = try context.requireMNIST()
            guard let split = MNISTSplit(rawValue: p.string("split")) else {
                throw WorkbenchError("parameter 'split': expected train|test")
            }
            return try MNIST.load(directory: dir, split: split, digits: p.ints("digits"))
        }
    }

    static var parameterSpecs: [ParameterSpec] {
        [
            .choice("dataset", "mnist", allCases.map(\.rawValue), "task: correlated Gaussians, semantic hierarchy or MNIST"),
            ParameterSpec("digits", .integerList, default: "1,3", "MNIST digits, in output-column order"),
            .choice("split", "test", MNISTSplit.allCases.map(\.rawValue),
                    "MNIST split the statistics come from (the paper used train; ../shared/data/mnist holds test images only)"),
            .integer("levels", 4, "semantic hierarchy levels", range: 1...SemanticHierarchy.maximumLevels),
        ]
    }
}
