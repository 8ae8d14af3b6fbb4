import WorkbenchKit

/// The dataset parameters several experiments share, declared once (see `Parameter`).

extension MNISTSplit: ParameterChoice {}

public extension Parameter where Value == MNISTSplit {
    /// The paper used the training split; ../shared/data/mnist holds only the test images, so the
    /// experiments default to `test`.
    static var split: Parameter<MNISTSplit> {
        Parameter("split", "MNIST split the statistics come from (the paper used train; ../shared/data/mnist holds test images only)")
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
