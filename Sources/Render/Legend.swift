import Foundation

/// The legend: one row per labelled series, in a translucent box placed where it covers
/// the fewest data points and line crossings (matplotlib's "best"), or where asked.
enum Legend {
    enum Swatch {
        case line(Color, Double, LineStyle, Marker?)
        case patch(Color)
        case marker(Marker, Color)
    }

    struct Entry { var label: String; var swatch: Swatch }

    static func entries(_ axes: Axes) -> [Entry] {
        axes.items.compactMap { item in
            switch item {
            case .line(let l): return l.label.map { Entry(label: $0, swatch: .line(l.color, l.width, l.style, l.marker)) }
            case .band(let b): return b.label.map { Entry(label: $0, swatch: .patch(b.color.withAlpha(b.alpha))) }
            case .refLine(let r): return r.label.map { Entry(label: $0, swatch: .line(r.color, r.width, r.style, nil)) }
            case .scatter(let s): return s.label.map { Entry(label: $0, swatch: .marker(s.marker, s.color)) }
            case .heatmap, .lineFamily: return nil
            }
        }
    }

    static func draw(_ axes: Axes, _ p: PanelLayout, _ c: Canvas, _ style: Style) {
        let list = entries(axes)
        guard axes.showLegend, !list.isEmpty else { return }
        let fs = style.legendFont
        let handle = fs * 2, gapAfterHandle = fs * 0.6, pad = fs * 0.45, rowGap = fs * 0.35
        let rowHeight = c.measure("Ag", size: fs).height
        let textWidth = list.map { c.measure($0.label, size: fs).width }.max() ?? 0
        let (columns, rows) = grid(entries: list.count, requestedColumns: axes.legendColumns)
        let columnWidth = handle + gapAfterHandle + textWidth, columnGap = fs
        let w = pad * 2 + Double(columns) * columnWidth + Double(columns - 1) * columnGap
        let h = pad * 2 + Double(rows) * rowHeight + Double(rows - 1) * rowGap
        let box = place(w: w, h: h, axes: axes, p: p, style: style)

        c.setColor(Color(1, 1, 1, alpha: 0.8)); c.rect(box); c.fill()
        c.setColor(Color(0.8, 0.8, 0.8)); c.setLineWidth(0.8); c.setDash([]); c.rect(box); c.stroke()
        for (i, e) in list.enumerated() {
            let top = box.minY + pad + Double(i % rows) * (rowHeight + rowGap)
            let mid = top + rowHeight / 2
            let hx = box.minX + pad + Double(i / rows) * (columnWidth + columnGap)
            switch e.swatch {
            case .line(let color, let width, let ls, let marker):
                c.setColor(color); c.setLineWidth(min(width, 3)); c.setDash(ls.dashes(width: min(width, 3)))
                c.moveTo(hx, mid); c.lineTo(hx + handle, mid); c.stroke(); c.setDash([])
                if let marker { Markers.draw(marker, at: hx + handle / 2, mid, size: 6, color: color, c) }
            case .patch(let color):
                c.setColor(color); c.rect(Rect(x: hx, y: mid - rowHeight * 0.35, width: handle, height: rowHeight * 0.7)); c.fill()
            case .marker(let m, let color):
                Markers.draw(m, at: hx + handle / 2, mid, size: 6, color: color, c)
            }
            c.text(e.label, at: hx + handle + gapAfterHandle, mid, size: fs, h: .left, v: .center)
        }
    }

    /// Columns and rows for `entries` labels; `requestedColumns` 0 means two columns above six entries.
    static func grid(entries: Int, requestedColumns: Int) -> (columns: Int, rows: Int) {
        let wanted = requestedColumns > 0 ? requestedColumns : (entries > 6 ? 2 : 1)
        let columns = max(1, min(entries, wanted))
        return (columns, (entries + columns - 1) / columns)
    }

    /// Candidate boxes in matplotlib's order; `.best` scores each by how much data it hides.
    static func place(w: Double, h: Double, axes: Axes, p: PanelLayout, style: Style) -> Rect {
        let f = p.frame, inset = style.legendFont * 0.5
        func box(_ loc: LegendLocation) -> Rect {
            let left = f.minX + inset, right = f.maxX - inset - w, cx = f.minX + (f.width - w) / 2
            let top = f.minY + inset, bottom = f.maxY - inset - h, cy = f.minY + (f.height - h) / 2
            switch loc {
            case .best, .upperRight: return Rect(x: right, y: top, width: w, height: h)
            case .upperLeft: return Rect(x: left, y: top, width: w, height: h)
            case .lowerLeft: return Rect(x: left, y: bottom, width: w, height: h)
            case .lowerRight: return Rect(x: right, y: bottom, width: w, height: h)
            case .right, .centerRight: return Rect(x: right, y: cy, width: w, height: h)
            case .centerLeft: return Rect(x: left, y: cy, width: w, height: h)
            case .lowerCenter: return Rect(x: cx, y: bottom, width: w, height: h)
            case .upperCenter: return Rect(x: cx, y: top, width: w, height: h)
            case .center: return Rect(x: cx, y: cy, width: w, height: h)
            }
        }
        guard axes.legendLocation == .best else { return box(axes.legendLocation) }
        let polylines = dataPolylines(axes, p.transform)
        var best = box(.upperRight), bestScore = Int.max
        for loc in LegendLocation.allCases where loc != .best && loc != .right {
            let r = box(loc)
            let score = badness(r, polylines)
            if score < bestScore { best = r; bestScore = score }
        }
        return best
    }

    /// Vertices inside the box plus segments crossing it: what the legend would hide.
    static func badness(_ r: Rect, _ polylines: [[(Double, Double)]]) -> Int {
        var score = 0
        for line in polylines {
            for (i, pt) in line.enumerated() {
                if r.contains(pt.0, pt.1) { score += 1 }
                if i > 0 && segmentCrosses(line[i - 1], pt, r) { score += 1 }
            }
        }
        return score
    }

    static func dataPolylines(_ axes: Axes, _ t: Transform) -> [[(Double, Double)]] {
        func pts(_ xs: [Double], _ ys: [Double]) -> [(Double, Double)] {
            zip(xs, ys).filter { t.usable($0.0, $0.1) }.map { (t.px($0.0), t.py($0.1)) }
        }
        var out: [[(Double, Double)]] = []
        for item in axes.items {
            switch item {
            case .line(let l): out.append(pts(l.x, l.y))
            case .band(let b): out.append(pts(b.x, b.lower)); out.append(pts(b.x, b.upper))
            case .scatter(let s): out += pts(s.x, s.y).map { [$0] }
            case .lineFamily(let f): out += f.ys.map { pts(f.x, $0) }
            case .refLine(let r):
                let f = t.frame
                out.append(r.vertical ? [(t.px(r.value), f.minY), (t.px(r.value), f.maxY)]
                                      : [(f.minX, t.py(r.value)), (f.maxX, t.py(r.value))])
            case .heatmap: break
            }
        }
        return out
    }

    /// Whether segment a-b passes through rectangle r (Liang-Barsky clipping).
    static func segmentCrosses(_ a: (Double, Double), _ b: (Double, Double), _ r: Rect) -> Bool {
        var t0 = 0.0, t1 = 1.0
        let dx = b.0 - a.0, dy = b.1 - a.1
        for (p, q) in [(-dx, a.0 - r.minX), (dx, r.maxX - a.0), (-dy, a.1 - r.minY), (dy, r.maxY - a.1)] {
            if p == 0 { if q < 0 { return false } ; continue }
            let t = q / p
            if p < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
            if t0 > t1 { return false }
        }
        return true
    }
}
