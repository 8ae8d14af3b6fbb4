import WorkbenchKit

/// A plugin that also draws figures of its own, which `workbench figures` draws after the paper's
/// (ids not numbered as the paper's, e.g. "learning-rule-coefficients"). The conformance lives in
/// the plugin's figure target (Sources/Plugins/<Name>/Figures), which may import FigureKit and
/// Render; the plugin list still names the plugin type alone.
public protocol FigurePlugin: WorkbenchPlugin {
    static var figures: [any WorkbenchFigure] { get }
}

/// The figures of those plugins that draw any, in plugin order.
public func figures(of plugins: [any WorkbenchPlugin.Type]) -> [any WorkbenchFigure] {
    plugins.flatMap { ($0 as? any FigurePlugin.Type)?.figures ?? [] }
}
