/// Stroke pattern of a line, scaled by its width like matplotlib's dashes.
public enum LineStyle: Sendable {
    case solid, dashed, dotted, dashDot

    func dashes(width: Double) -> [Double] {
        let w = max(width, 1)
        switch self {
        case .solid: return []
        case .dashed: return [3.7 * w, 1.6 * w]
        case .dotted: return [1 * w, 1.65 * w]
        case .dashDot: return [6.4 * w, 1.6 * w, 1 * w, 1.6 * w]
        }
    }
}

/// Point markers for lines and scatter plots.
public enum Marker: Sendable {
    case circle, square, triangle, diamond, plus, cross
}

/// Where the legend goes; `.best` takes the first of matplotlib's spots (then a grid over the
/// panel) that hides no data, and any location moves when it would hide some: beside the
/// panel when no spot inside is free.
public enum LegendLocation: Sendable, CaseIterable {
    case best, upperRight, upperLeft, lowerLeft, lowerRight, right, centerLeft, centerRight,
         lowerCenter, upperCenter, center
}

// The plotted items, kept as plain values so validation, drawing, limits and CSV export
// each read the same description.

struct LineItem {
    var x: [Double], y: [Double]
    var label: String?
    var color: Color
    var width: Double
    var style: LineStyle
    var marker: Marker?
    var markerSize: Double
    var markEvery: Int
}

struct BandItem {
    var x: [Double], lower: [Double], upper: [Double]
    var label: String?
    var color: Color
    var alpha: Double
}

struct RefLineItem {
    var value: Double
    var vertical: Bool
    var label: String?
    var color: Color
    var width: Double
    var style: LineStyle
}

struct ScatterItem {
    var x: [Double], y: [Double]
    var pointLabels: [String]?
    var label: String?
    var color: Color
    var size: Double
    var marker: Marker
}

struct HeatmapItem {
    var matrix: [[Double]]
    var label: String?
    var colormap: Colormap
    var scale: ColorScale
    var annotate: Bool
    var format: String
}

struct LineFamilyItem {
    var x: [Double], ys: [[Double]], parameters: [Double]
    var name: String
    var colormap: Colormap
    var scale: ColorScale
    var width: Double
    var style: LineStyle
}

enum PlotItem {
    case line(LineItem)
    case band(BandItem)
    case refLine(RefLineItem)
    case scatter(ScatterItem)
    case heatmap(HeatmapItem)
    case lineFamily(LineFamilyItem)

    /// The name used in errors and CSV headers.
    var name: String {
        switch self {
        case .line(let l): return l.label ?? "line"
        case .band(let b): return b.label ?? "band"
        case .refLine(let r): return r.label ?? (r.vertical ? "vline" : "hline")
        case .scatter(let s): return s.label ?? "scatter"
        case .heatmap(let h): return h.label ?? "heatmap"
        case .lineFamily(let f): return f.name
        }
    }
}
