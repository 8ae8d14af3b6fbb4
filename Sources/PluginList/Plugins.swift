import Bilevel
import Engagement
import FigureKit
import GainModulation
import LearningRule
import LearningRuleFigures
import Maml
import TaskSwitch
import WeightDecay
import WeightDecayFigures
import WorkbenchKit

/// The one plugin list, which the CLI and the tests both read. Adding a plugin = its folder, one
/// line in Package.swift's `plugins`, and here its `import` (and its figure target's, if it has
/// one) and one entry below (Swift names a module only once imported).
public enum Plugins {
    public static let all: [any WorkbenchPlugin.Type] = [
        GainModulationPlugin.self,
        EngagementPlugin.self,
        TaskSwitchPlugin.self,
        MamlPlugin.self,
        BilevelPlugin.self,
        LearningRulePlugin.self,
        WeightDecayPlugin.self,
    ]

    /// Every plugin's experiments.
    public static let registry = Registry(plugins: all)

    /// The plugins' own figures, drawn after the paper's, in plugin order.
    public static var figures: [any WorkbenchFigure] { FigureKit.figures(of: all) }
}
