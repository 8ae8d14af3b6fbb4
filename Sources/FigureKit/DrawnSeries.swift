import Render

/// A series a figure draws under a label, and the columns it becomes in the figure's data CSV
/// (`<panel>_<label>_<coordinate>`): declared once per figure, its label draws the series and
/// its columns are what the figure's claims read, so a relabeled series fails its claim's
/// lookup in the same edit, not silently on the next run.
public struct DrawnSeries: Hashable {
    /// The panel's letter ("a").
    public let panel: String
    /// The legend label (or, for a line family, the colorbar name) it is drawn with ("Control").
    public let label: String

    public init(panel: String, label: String) { self.panel = panel; self.label = label }

    /// A series drawn without a label, which Render names by its kind: "line", "band", "scatter",
    /// "hline" or "vline".
    public static func unlabeled(_ kind: String, panel: String) -> DrawnSeries { DrawnSeries(panel: panel, label: kind) }

    /// The columns' common prefix (a line family's columns add `_<parameter>`).
    public var name: String { dataSeriesName(panel: panel, label: label) }
    public func column(_ coordinate: String) -> String { name + "_" + coordinate }
    public var x: String { column("x") }
    public var y: String { column("y") }
    /// A band's edges.
    public var lower: String { column("lower") }
    public var upper: String { column("upper") }
}

public extension FigureNumbers {
    /// The y values of a drawn line, scatter or horizontal reference line.
    func y(_ series: DrawnSeries) throws -> [Double] { try column(series.y) }
    /// The x values of a drawn line or scatter, or a vertical reference line's position.
    func x(_ series: DrawnSeries) throws -> [Double] { try column(series.x) }
    /// The curves of a drawn line family, sorted by parameter.
    func family(_ series: DrawnSeries) throws -> [(parameter: Double, values: [Double])] { try family(series.name) }
    /// The data columns of one panel, in CSV order.
    func names(inPanel panel: String) -> [String] { names.filter { $0.hasPrefix(panel + "_") } }
    /// The y columns of one panel's lines, scatters and horizontal lines, in CSV order (a repeated
    /// label's columns are numbered: `<name>_y_2`).
    func yColumns(inPanel panel: String) -> [String] {
        names(inPanel: panel).filter { $0.hasSuffix("_y") || $0.contains("_y_") }
    }
}
