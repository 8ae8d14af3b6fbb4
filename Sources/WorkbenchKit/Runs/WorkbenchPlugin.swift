import WorkbenchKit

/// What a plugin (one folder under Sources/Plugins) hands the CLI from its one registry line:
/// its experiments and, optionally, figures of its own that `workbench figures` draws after the
/// paper's (ids not numbered as the paper's, e.g. "learning-rule-coefficients").
public protocol WorkbenchPlugin {
    static var experiments: [any Experiment] { get }
    static var figures: [any WorkbenchFigure] { get }
}

public extension WorkbenchPlugin {
    static var figures: [any WorkbenchFigure] { [] }
}
