import FigureKit

/// What the CLI's one registry line for this plugin hands `workbench`: its experiment, and its
/// figure, which `workbench figures` draws after the paper's.
extension WeightDecayPlugin: WorkbenchPlugin {
    public static let figures: [any WorkbenchFigure] = [DecayScheduleFigure()]
}
