import Foundation

/// Everything a panel draws inside its frame, in points: line segments (with half their
/// width), the slices of filled bands between neighboring samples, and markers (with their
/// radius). A legend box may go where `touches` is false: then it hides no ink of the data,
/// including the parts of lines between samples.
struct DataFootprint {
    struct Segment { var a: (Double, Double), b: (Double, Double), pad: Double }
    /// The band between two neighboring samples: x from x0 to x1, the fill between the lower
    /// and upper edges, each a straight line from its value at x0 to its value at x1 (as drawn).
    struct BandSlice { var x0: Double, lower0: Double, upper0: Double, x1: Double, lower1: Double, upper1: Double }
    struct Dot { var x: Double, y: Double, radius: Double }

    var segments: [Segment] = []
    var slices: [BandSlice] = []
    var dots: [Dot] = []

    init(_ axes: Axes, _ t: Transform) {
        for item in axes.items {
            switch item {
            case .line(let l):
                addPolyline(l.x, l.y, t, width: l.width)
                if l.marker != nil {
                    for i in stride(from: 0, to: min(l.x.count, l.y.count), by: l.markEvery) where t.usable(l.x[i], l.y[i]) {
                        dots.append(Dot(x: t.px(l.x[i]), y: t.py(l.y[i]), radius: l.markerSize / 2 + 0.5))
                    }
                }
            case .lineFamily(let f):
                for y in f.ys { addPolyline(f.x, y, t, width: f.width) }
            case .band(let b):
                addBand(b, t)
            case .scatter(let s):
                for (x, y) in zip(s.x, s.y) where t.usable(x, y) {
                    dots.append(Dot(x: t.px(x), y: t.py(y), radius: s.size / 2 + 0.5))
                }
            case .refLine(let r):
                let f = t.frame, pad = r.width / 2 + 0.5
                segments.append(r.vertical ? Segment(a: (t.px(r.value), f.minY), b: (t.px(r.value), f.maxY), pad: pad)
                                           : Segment(a: (f.minX, t.py(r.value)), b: (f.maxX, t.py(r.value)), pad: pad))
            case .heatmap:
                // A heatmap fills the whole frame by design; a legend over it is never asked for.
                break
            }
        }
    }

    /// The polyline as drawn: non-usable points break it, an isolated point draws nothing.
    private mutating func addPolyline(_ xs: [Double], _ ys: [Double], _ t: Transform, width: Double) {
        let pad = width / 2 + 0.5
        var previous: (Double, Double)?
        for (x, y) in zip(xs, ys) {
            guard t.usable(x, y) else { previous = nil; continue }
            let p = (t.px(x), t.py(y))
            if let q = previous { segments.append(Segment(a: q, b: p, pad: pad)) }
            previous = p
        }
    }

    private mutating func addBand(_ b: BandItem, _ t: Transform) {
        var previous: (Double, Double, Double)?
        for i in 0..<min(b.x.count, b.lower.count, b.upper.count) {
            guard t.usable(b.x[i], b.lower[i]), t.usable(b.x[i], b.upper[i]) else { previous = nil; continue }
            let p = (t.px(b.x[i]), t.py(b.lower[i]), t.py(b.upper[i]))
            if let q = previous { slices.append(BandSlice(x0: q.0, lower0: q.1, upper0: q.2, x1: p.0, lower1: p.1, upper1: p.2)) }
            previous = p
        }
    }

    /// Whether any drawn data reaches into rectangle `r`.
    func touches(_ r: Rect) -> Bool {
        for d in dots where r.insetBy(-d.radius).contains(d.x, d.y) { return true }
        for s in segments where Self.segment(s.a, s.b, crosses: r.insetBy(-s.pad)) { return true }
        for s in slices where Self.slice(s, overlaps: r) { return true }
        return false
    }

    /// Whether segment a-b passes through rectangle r (Liang-Barsky clipping).
    static func segment(_ a: (Double, Double), _ b: (Double, Double), crosses r: Rect) -> Bool {
        var t0 = 0.0, t1 = 1.0
        let dx = b.0 - a.0, dy = b.1 - a.1
        for (p, q) in [(-dx, a.0 - r.minX), (dx, r.maxX - a.0), (-dy, a.1 - r.minY), (dy, r.maxY - a.1)] {
            if p == 0 { if q < 0 { return false }; continue }
            let t = q / p
            if p < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
            if t0 > t1 { return false }
        }
        return true
    }

    /// Whether the filled slice reaches into r. Over the x range both share, the fill spans
    /// min(lower, upper) to max(lower, upper) at each x: the max of two linear functions is convex
    /// and the min concave,
    /// so the slice misses r exactly when it lies wholly above or wholly below r at both ends
    /// of that range; otherwise continuity puts some x where the fill meets r's y range.
    static func slice(_ s: BandSlice, overlaps r: Rect) -> Bool {
        let (xa, xb) = (min(s.x0, s.x1), max(s.x0, s.x1))
        let from = max(xa, r.minX), to = min(xb, r.maxX)
        guard from <= to else { return false }
        func at(_ x: Double) -> (lo: Double, hi: Double) {
            guard s.x1 != s.x0 else {
                return (min(s.lower0, s.lower1, s.upper0, s.upper1), max(s.lower0, s.lower1, s.upper0, s.upper1))
            }
            let u = (x - s.x0) / (s.x1 - s.x0)
            let a = s.lower0 + u * (s.lower1 - s.lower0), b = s.upper0 + u * (s.upper1 - s.upper0)
            return (min(a, b), max(a, b))
        }
        let left = at(from), right = at(to)
        let allAbove = left.hi < r.minY && right.hi < r.minY
        let allBelow = left.lo > r.maxY && right.lo > r.maxY
        return !allAbove && !allBelow
    }
}
