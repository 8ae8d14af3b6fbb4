import FigureKit
import WeightDecay

/// The figure this plugin draws of its own, after the paper's (its experiments come from the
/// plugin itself).
extension WeightDecayPlugin: FigurePlugin {
    public static let figures: [any WorkbenchFigure] = [DecayScheduleFigure()]
}
