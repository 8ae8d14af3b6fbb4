import Bilevel
import Engagement
import GainModulation
import LearningRule
import Maml
import TaskSwitch
import WorkbenchKit

/// The plugin list: adding an intervention = its folder under Sources/Plugins and one line here.
let registry = Registry([
    GainModulationPlugin.experiments,
    EngagementPlugin.experiments,
    TaskSwitchPlugin.experiments,
    MamlPlugin.experiments,
    BilevelPlugin.experiments,
    LearningRulePlugin.experiments,
])
