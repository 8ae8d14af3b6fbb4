import Bilevel
import GainModulation
import LearningRule
import Maml
import WorkbenchKit

/// The plugin list: adding an intervention = one line here (and one in Package.swift).
let registry = Registry([
    GainModulationPlugin.experiments,
    BilevelPlugin.experiments,
    MamlPlugin.experiments,
    LearningRulePlugin.experiments,
])
