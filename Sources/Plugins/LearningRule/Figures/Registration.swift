import FigureKit

/// What the CLI's one registry line for this plugin hands `workbench`: its experiment, and a
/// figure of its own that `workbench figures` draws after the paper's.
extension LearningRulePlugin: WorkbenchPlugin {
    public static let figures: [any WorkbenchFigure] = [RuleCoefficientsFigure()]
}
