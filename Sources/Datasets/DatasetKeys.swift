import WorkbenchKit

/// The dataset parameters several experiments share, declared once (see `Parameter`).

extension MNISTSplit: ParameterChoice {}

public extension Parameter where Value == MNISTSplit {
    /// The experiments default to `train`, the split the paper's statistics come from.
    static var split: Parameter<MNISTSplit> {
        Parameter("split", "MNIST split the statistics come from (train, as the paper, or test)")
    }
}

public extension Parameter where Value == [Int] {
    static var digits: Parameter<[Int]> { Parameter("digits", "MNIST digits, in output-column order") }
}

public extension Parameter where Value == Int {
    static var levels: Parameter<Int> {
        Parameter("levels", "semantic hierarchy levels", range: 1...SemanticHierarchy.maximumLevels)
    }
}
