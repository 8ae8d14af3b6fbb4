import Foundation
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

/// `workbench figures --only <ids>` for one plugin, as drawn from its registration alone, into a
/// temporary folder removed afterwards: what a plugin's tests check its figures with.
public func drawFigures(of plugin: any FigurePlugin.Type, only ids: [String]? = nil, preset: Preset = .quick,
                        mnistDirectory: String? = nil) throws -> FiguresReport {
    let out = NSTemporaryDirectory() + "plugin-figures-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: out) }
    return try regenerateFigures(registry: Registry(plugins: [plugin]), figures: try FigureSet(paper: [], plugins: plugin.figures),
                                 options: FiguresOptions(preset: preset, only: ids, outDirectory: out, mnistDirectory: mnistDirectory, jobs: 1))
}
