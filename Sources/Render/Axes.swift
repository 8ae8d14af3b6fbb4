/// One panel of a figure: scales, limits, labels and the series drawn in it.
/// Adding series never fails; lengths, log-scale positivity and the like are checked when
/// the figure is written, so the error can name the panel and series together.
public final class Axes {
    public var xScale: Scale = .linear
    public var yScale: Scale = .linear
    public var xLabel: String?
    public var yLabel: String?
    /// Shown centered above the panel.
    public var title: String?
    /// Fixed limits; nil = from the data with `margin` of the span added on each side.
    public var xLimits: ClosedRange<Double>?
    public var yLimits: ClosedRange<Double>?
    /// Fraction of the data span added on each side when limits come from the data.
    public var margin: Double = 0.05
    /// Light grid lines at the major ticks.
    public var grid = false
    /// matplotlib-paper style hides the top and right spines.
    public var showTopRightSpines = false
    public var legendLocation: LegendLocation = .best
    /// Legend columns, filled column by column as matplotlib's `ncol`; 0 picks two when there are
    /// more than six entries (ten digits in one column hide half a panel).
    public var legendColumns = 0
    /// Set false to hide the legend even when series have labels.
    public var showLegend = true
    /// Fixed tick positions (data units) and optional texts for them.
    public var xTicks: [Double]?
    public var xTickLabels: [String]?
    public var yTicks: [Double]?
    public var yTickLabels: [String]?
    /// A hidden panel keeps its place in the grid but draws nothing (a ragged last row).
    public var isHidden = false
    /// The panel's letter when it is not its row-major position (a caption that skips a letter or
    /// runs down the columns): drawn as "(letter)" and used as the data CSV's column prefix.
    public var letter: String?
    /// Label of the colorbar drawn for a heatmap or a parameter-colored family.
    public var colorbarLabel: String?

    var items: [PlotItem] = []
    var cycleIndex = 0
    var yInverted = false
    var integerTicks = false

    public init() {}

    private func nextColor() -> Color {
        defer { cycleIndex += 1 }
        return Color.C(cycleIndex)
    }

    /// A line through (x[i], y[i]); non-finite values break it. Color defaults to the tab10 cycle.
    public func line(_ x: [Double], _ y: [Double], label: String? = nil, color: Color? = nil,
                     width: Double = 2, style: LineStyle = .solid, marker: Marker? = nil,
                     markerSize: Double = 6, markEvery: Int = 1) {
        items.append(.line(LineItem(x: x, y: y, label: label, color: color ?? nextColor(), width: width,
                                    style: style, marker: marker, markerSize: markerSize,
                                    markEvery: max(1, markEvery))))
    }

    /// A line against the index 0, 1, 2, ... (the paper's "task time" axis).
    public func line(_ y: [Double], label: String? = nil, color: Color? = nil, width: Double = 2,
                     style: LineStyle = .solid) {
        line(y.indices.map(Double.init), y, label: label, color: color, width: width, style: style)
    }

    /// A shaded region between `lower` and `upper` (mean ± std). Without a color it takes
    /// the color of the most recent line, since a band usually belongs to the line just drawn.
    public func band(_ x: [Double], lower: [Double], upper: [Double], color: Color? = nil,
                     alpha: Double = 0.25, label: String? = nil) {
        let c = color ?? lastLineColor() ?? nextColor()
        items.append(.band(BandItem(x: x, lower: lower, upper: upper, label: label, color: c, alpha: alpha)))
    }

    /// A horizontal reference line across the panel.
    public func hline(_ y: Double, color: Color = .black, width: Double = 1, style: LineStyle = .dashed,
                      label: String? = nil) {
        items.append(.refLine(RefLineItem(value: y, vertical: false, label: label, color: color, width: width, style: style)))
    }

    /// A vertical reference line across the panel.
    public func vline(_ x: Double, color: Color = .black, width: Double = 1, style: LineStyle = .dashed,
                      label: String? = nil) {
        items.append(.refLine(RefLineItem(value: x, vertical: true, label: label, color: color, width: width, style: style)))
    }

    /// Points, optionally each with a text placed beside it where it collides least.
    public func scatter(_ x: [Double], _ y: [Double], pointLabels: [String]? = nil, label: String? = nil,
                        color: Color? = nil, size: Double = 7, marker: Marker = .circle) {
        items.append(.scatter(ScatterItem(x: x, y: y, pointLabels: pointLabels, label: label,
                                          color: color ?? nextColor(), size: size, marker: marker)))
    }

    /// A matrix drawn as cells, row 0 at the top (like imshow), with a colorbar.
    /// `range` fixes the color limits (default: data min...max; for a diverging map,
    /// symmetric around zero). `annotate` writes each value with `format` in black or white,
    /// whichever contrasts with the cell. `rowLabels`/`columnLabels` replace the index ticks.
    public func heatmap(_ matrix: [[Double]], colormap: Colormap = .viridis, range: ClosedRange<Double>? = nil,
                        logColors: Bool = false, annotate: Bool = false, format: String = "%.2f",
                        label: String? = nil, rowLabels: [String]? = nil, columnLabels: [String]? = nil) {
        let values = matrix.flatMap { $0 }.filter { $0.isFinite && (!logColors || $0 > 0) }
        var lo = values.min() ?? 0, hi = values.max() ?? 1
        if range == nil && colormap.name.hasPrefix("RdBu") && !logColors {
            let m = max(abs(lo), abs(hi)); lo = -m; hi = m
        }
        let scale = ColorScale(lower: range?.lowerBound ?? lo, upper: range?.upperBound ?? hi, log: logColors)
        items.append(.heatmap(HeatmapItem(matrix: matrix, label: label, colormap: colormap, scale: scale,
                                          annotate: annotate, format: format)))
        if colorbarLabel == nil { colorbarLabel = label }
        yInverted = true
        integerTicks = true
        let cols = matrix.map(\.count).max() ?? 0
        if let columnLabels { xTicks = columnLabels.indices.map(Double.init); xTickLabels = columnLabels }
        else if cols > 0 && cols <= 12 { xTicks = (0..<cols).map(Double.init) }
        if let rowLabels { yTicks = rowLabels.indices.map(Double.init); yTickLabels = rowLabels }
        else if matrix.count > 0 && matrix.count <= 12 { yTicks = matrix.indices.map(Double.init) }
    }

    /// One line per parameter value, colored by that value through `colormap`, with a
    /// colorbar instead of a legend (a sweep over gamma or beta). `logParameter` spaces the
    /// colors by decades.
    public func lines(_ x: [Double], _ ys: [[Double]], parameters: [Double], name: String = "sweep",
                      colormap: Colormap = .viridis, logParameter: Bool = false, width: Double = 2,
                      style: LineStyle = .solid) {
        let finite = parameters.filter { $0.isFinite && (!logParameter || $0 > 0) }
        let scale = ColorScale(lower: finite.min() ?? 0, upper: finite.max() ?? 1, log: logParameter)
        items.append(.lineFamily(LineFamilyItem(x: x, ys: ys, parameters: parameters, name: name,
                                                colormap: colormap, scale: scale, width: width, style: style)))
        if colorbarLabel == nil { colorbarLabel = name }
    }

    private func lastLineColor() -> Color? {
        for item in items.reversed() { if case .line(let l) = item { return l.color } }
        return nil
    }

    /// The colorbar this panel shows: that of its last heatmap or parameter family.
    var colorbar: (colormap: Colormap, scale: ColorScale)? {
        for item in items.reversed() {
            if case .heatmap(let h) = item { return (h.colormap, h.scale) }
            if case .lineFamily(let f) = item { return (f.colormap, f.scale) }
        }
        return nil
    }
}
