import Datasets
import WorkbenchKit

/// The three base datasets of the gain-modulation experiments (App. J, Table 5) and their
/// per-dataset defaults.
public enum GainTask: String, ParameterChoice {
    case gaussian, semantic, mnist

    /// Table 5's hidden sizes.
    var paperHidden: Int { switch self { case .gaussian: 6; case .semantic: 30; case .mnist: 50 } }
    /// Weight initialization std (reference notes: 0.01; semantic 1e-4 for the rich regime).
    var initStd: Double { self == .semantic ? 1e-4 : 0.01 }

    func load(_ p: ParameterValues, context: RunContext) throws -> Dataset {
        switch self {
        case .gaussian: return try CorrelatedGaussian().dataset
        case .semantic: return try SemanticHierarchy(levels: p[.levels]).dataset
        case .mnist:
            let dir = try context.requireMNIST()
            return try MNIST.load(directory: dir, split: p[.split], digits: p[.digits])
        }
    }

    static var parameterSpecs: [ParameterSpec] {
        [
            .of(GainKeys.dataset, default: .mnist),
            .of(.digits, default: [1, 3]),
            .of(.split, default: .train),
            .of(.levels, default: 4),
        ]
    }
}
