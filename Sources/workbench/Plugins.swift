import Bilevel
import Engagement
import FigureKit
import GainModulation
import LearningRule
import Maml
import TaskSwitch
import WeightDecay
import WorkbenchKit

/// The plugin list: adding an intervention = its folder under Sources/Plugins, its `import` above
/// and one entry here (Swift names a module only once imported).
/// Each plugin brings its experiments and any figures of its own (`WorkbenchPlugin`).
let plugins: [any WorkbenchPlugin.Type] = [
    GainModulationPlugin.self,
    EngagementPlugin.self,
    TaskSwitchPlugin.self,
    MamlPlugin.self,
    BilevelPlugin.self,
    LearningRulePlugin.self,
    WeightDecayPlugin.self,
]

let registry = Registry(plugins.map { $0.experiments })
