import Foundation

/// Axis limits from the data: the finite extent of every series, widened by the margin in
/// the axis' own scale (decades on a log axis). Heatmaps pin limits to their cell edges.
extension Axes {
    func resolvedLimits() -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        var xs: [Double] = [], ys: [Double] = []
        var heatX: ClosedRange<Double>?, heatY: ClosedRange<Double>?
        for item in items {
            switch item {
            case .line(let l): xs += l.x; ys += l.y
            case .band(let b): xs += b.x; ys += b.lower + b.upper
            case .refLine(let r):
                // A reference line widens only its own axis, as matplotlib's axhline does.
                if r.vertical { xs.append(r.value) } else { ys.append(r.value) }
            case .scatter(let s): xs += s.x; ys += s.y
            case .heatmap(let h):
                let cols = Double(h.matrix.first?.count ?? 1), rows = Double(h.matrix.count)
                heatX = -0.5...(cols - 0.5); heatY = -0.5...(rows - 0.5)
            case .lineFamily(let f): xs += f.x; ys += f.ys.flatMap { $0 }
            }
        }
        let x = xLimits ?? heatX ?? Axes.autoLimits(xs, scale: xScale, margin: margin)
        let y = yLimits ?? heatY ?? Axes.autoLimits(ys, scale: yScale, margin: margin)
        return (x, y)
    }

    static func autoLimits(_ values: [Double], scale: Scale, margin: Double) -> ClosedRange<Double> {
        let usable = values.filter { $0.isFinite && (scale == .linear || $0 > 0) }.map(scale.forward)
        guard var lo = usable.min(), var hi = usable.max() else {
            return scale == .log ? 1...10 : 0...1
        }
        if hi == lo {
            // A flat series still needs a visible span: one decade on log, ±1 or ±10% on linear.
            let pad = scale == .log ? 0.5 : (lo == 0 ? 1 : abs(lo) * 0.1)
            lo -= pad; hi += pad
        } else {
            let pad = (hi - lo) * margin
            lo -= pad; hi += pad
        }
        return scale.inverse(lo)...scale.inverse(hi)
    }
}

/// Data-to-canvas mapping of one panel (points, y down).
struct Transform {
    var frame: Rect
    var x: ClosedRange<Double>, y: ClosedRange<Double>
    var xScale: Scale, yScale: Scale
    var yInverted: Bool

    func px(_ v: Double) -> Double {
        let a = xScale.forward(x.lowerBound), b = xScale.forward(x.upperBound)
        return frame.x + (xScale.forward(v) - a) / (b - a) * frame.width
    }

    func py(_ v: Double) -> Double {
        let a = yScale.forward(y.lowerBound), b = yScale.forward(y.upperBound)
        let f = (yScale.forward(v) - a) / (b - a)
        return yInverted ? frame.y + f * frame.height : frame.maxY - f * frame.height
    }

    /// Whether a value can be placed on this axis at all (log axes skip non-positive values).
    func usable(_ vx: Double, _ vy: Double) -> Bool {
        vx.isFinite && vy.isFinite && (xScale == .linear || vx > 0) && (yScale == .linear || vy > 0)
    }
}
