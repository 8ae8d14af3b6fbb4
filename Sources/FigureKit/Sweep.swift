import Foundation
import Render
import WorkbenchKit

/// A one-parameter sweep of an experiment: the runs (base run with one override changed) and
/// viridis line families colored by the swept value, with a colorbar.
public struct Sweep {
    /// The swept parameter's name.
    public let parameter: String
    /// Colorbar label, e.g. "γ".
    public let label: String
    public let values: [Double]
    public let logColors: Bool

    public init(parameter: Parameter<Double>, label: String, values: [Double], logColors: Bool) {
        self.init(name: parameter.name, label: label, values: values, logColors: logColors)
    }

    /// A sweep over an integer parameter (its values are whole numbers).
    public init(parameter: Parameter<Int>, label: String, values: [Double], logColors: Bool) {
        self.init(name: parameter.name, label: label, values: values, logColors: logColors)
    }

    private init(name: String, label: String, values: [Double], logColors: Bool) {
        self.parameter = name; self.label = label; self.logColors = logColors
        // Six significant digits: readable run names, and the colorbar shows exactly what ran.
        self.values = values.map { Double(Sweep.text($0))! }
    }

    public func requests(_ base: RunRequest) -> [RunRequest] {
        values.map { base.with([parameter: Sweep.text($0)]) }
    }

    /// A family of per-step curves, one per swept value, against the task time; runs of
    /// different lengths (a sweep over T) each end at their own T.
    public func draw(_ ax: Axes, _ records: [RunRecord], _ curve: (RunRecord) throws -> [Double]) throws {
        var ys = try records.map(curve)
        let x = Style.steps(ys.map(\.count).max() ?? 0)
        ys = ys.map { $0 + [Double](repeating: .nan, count: x.count - $0.count) }
        ax.xLabel = Style.taskTime
        ax.lines(x, ys, parameters: values, name: label, colormap: .viridis, logParameter: logColors)
    }

    /// Evenly spaced values like numpy.linspace (endpoint included).
    public static func linspace(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
        n == 1 ? [a] : (0..<n).map { a + (b - a) * Double($0) / Double(n - 1) }
    }

    /// The shortest text that parses back to the same number, for --set style overrides.
    public static func text(_ v: Double) -> String { formatNumber(Double(String(format: "%.6g", v))!) }
}
