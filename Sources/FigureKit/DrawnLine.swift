import Render

/// A line a figure draws under a label, and the columns it becomes in the figure's data CSV
/// (`<panel>_<label>_x`, `_y`): declared once per figure, its label draws the line and its
/// columns are what the figure's claims read, so the two cannot drift apart.
public struct DrawnLine {
    /// The panel's letter ("a").
    public let panel: String
    /// The legend label the line is drawn with ("Control").
    public let label: String

    public init(panel: String, label: String) { self.panel = panel; self.label = label }

    public var x: String { dataSeriesName(panel: panel, label: label) + "_x" }
    public var y: String { dataSeriesName(panel: panel, label: label) + "_y" }
}

public extension FigureNumbers {
    /// The y values of a drawn line.
    func y(_ line: DrawnLine) throws -> [Double] { try column(line.y) }
    /// The x values of a drawn line.
    func x(_ line: DrawnLine) throws -> [Double] { try column(line.x) }
}
