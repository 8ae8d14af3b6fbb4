import FigureKit
import WorkbenchKit

/// Every paper figure this build can draw, and the ones still waiting for their experiment's
/// drawing code (reported as skipped, never faked).
enum FigureCatalog {
    static let figures: [any PaperFigure] = [
        SingleNeuronFigure(),
        EffortAllocationFigure.mnist,
        SingleNeuronSweepFigure(),
        EffortAllocationFigure.gaussian,
        EffortAllocationFigure.semantic,
        WeightTraceFigure.gaussian,
        WeightTraceFigure.semantic,
        WeightTraceFigure.mnist,
        DigitPairFigure(),
        MetaLearningFigure(),
        MamlDynamicsFigure(),
        MamlOptimizationFigure(),
        LearningRateFigure(),
        LearningRuleFigure(),
        NonLinearFigure(),
        EffortAllocationFigure.taskSwitch,
        WeightTraceFigure.taskSwitch,
        EngagementFigure(),
        NeuronBasisFigure(),
        NonLinearEngagementFigure(),
    ].sorted { $0.number < $1.number }
}

public extension FigureSet {
    /// The paper's figures, then the figures the plugins contribute, in plugin order.
    static func paper(with plugins: [any WorkbenchPlugin.Type] = []) throws -> FigureSet {
        try FigureSet(paper: FigureCatalog.figures, plugins: FigureKit.figures(of: plugins))
    }
}
