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
            // Halves first: hi - lo overflows for data near ±1.7e308.
            let pad = (hi / 2 - lo / 2) * 2 * margin
            lo -= pad; hi += pad
        }
        // The margin must not push a limit past what a Double holds (data near ±1.7e308, or
        // log data reaching 1e±300): clamp it to the finite range, or to the data itself.
        let (least, greatest) = scale.finiteBounds
        lo = max(lo, min(least, usable.min()!)); hi = min(hi, max(greatest, usable.max()!))
        // pow(10, log10(greatest)) rounds up to infinity: clamp once more after mapping back.
        let finite = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude
        return scale.inverse(lo).clamped(to: finite)...scale.inverse(hi).clamped(to: finite)
    }
}

extension Double {
    func clamped(to range: ClosedRange<Double>) -> Double { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}

extension Scale {
    /// The range of forward(v) whose inverse is a finite, normal, non-zero (on log) Double.
    var finiteBounds: (least: Double, greatest: Double) {
        self == .log ? (Foundation.log10(Double.leastNormalMagnitude), Foundation.log10(Double.greatestFiniteMagnitude))
                     : (-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude)
    }

    /// Where `v` lies between `lower` and `upper`, as a fraction in the axis' scale: 0 at lower,
    /// 1 at upper. Computed from halves so a span wider than Double's range cannot overflow.
    func fraction(_ v: Double, lower: Double, upper: Double) -> Double {
        let a = forward(lower), b = forward(upper)
        return (forward(v) / 2 - a / 2) / (b / 2 - a / 2)
    }
}

/// Data-to-canvas mapping of one panel (points, y down).
struct Transform {
    var frame: Rect
    var x: ClosedRange<Double>, y: ClosedRange<Double>
    var xScale: Scale, yScale: Scale
    var yInverted: Bool

    func px(_ v: Double) -> Double {
        frame.x + xScale.fraction(v, lower: x.lowerBound, upper: x.upperBound) * frame.width
    }

    func py(_ v: Double) -> Double {
        let f = yScale.fraction(v, lower: y.lowerBound, upper: y.upperBound)
        return yInverted ? frame.y + f * frame.height : frame.maxY - f * frame.height
    }

    /// Whether a value can be placed on this axis at all (log axes skip non-positive values).
    func usable(_ vx: Double, _ vy: Double) -> Bool {
        vx.isFinite && vy.isFinite && (xScale == .linear || vx > 0) && (yScale == .linear || vy > 0)
    }
}
