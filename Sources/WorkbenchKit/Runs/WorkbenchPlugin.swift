/// What a plugin (one folder under Sources/Plugins) hands the CLI from its one line in the plugin
/// list: its experiments. Figures of its own come from its figure target (FigureKit's
/// `FigurePlugin`), so the science needs nothing of the drawing.
public protocol WorkbenchPlugin {
    static var experiments: [any Experiment] { get }
}

public extension Registry {
    /// Every plugin's experiments, in list order.
    init(plugins: [any WorkbenchPlugin.Type]) {
        self.init(plugins.map { $0.experiments })
    }
}
