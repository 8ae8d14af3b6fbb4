import FigureKit
import LearningRule

/// The figure this plugin draws of its own, after the paper's (its experiments come from the
/// plugin itself).
extension LearningRulePlugin: FigurePlugin {
    public static let figures: [any WorkbenchFigure] = [RuleCoefficientsFigure()]
}
