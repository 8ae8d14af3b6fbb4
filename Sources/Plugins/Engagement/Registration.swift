import FigureKit

/// What the CLI's one registry line for this plugin hands `workbench`: its experiments (and figures, when it has its own).
extension EngagementPlugin: WorkbenchPlugin {}
