import Bilevel
import Engagement
import GainModulation
import LearningRule
import Maml
import TaskSwitch
import WorkbenchKit

/// The plugin list: adding an intervention = one line here (and one in Package.swift).
let registry = Registry([
    GainModulationPlugin.experiments,
    EngagementPlugin.experiments,
    TaskSwitchPlugin.experiments,
    MamlPlugin.experiments,
    BilevelPlugin.experiments,
    LearningRulePlugin.experiments,
])
