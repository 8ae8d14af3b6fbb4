import Engagement
import GainModulation
import TaskSwitch
import WorkbenchKit

/// The plugin list: adding an intervention = one line here (and one in Package.swift).
let registry = Registry([
    GainModulationPlugin.experiments,
    EngagementPlugin.experiments,
    TaskSwitchPlugin.experiments,
])
