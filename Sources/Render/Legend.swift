import Foundation

/// The legend: one row per labeled series, in a translucent box placed where it hides no
/// drawn data (see `place`), beside the panel when no such spot is left inside it.
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

    /// The box's size in points, or nil when the panel shows no legend.
    static func size(_ axes: Axes, _ c: Canvas, _ style: LayoutMetrics) -> (width: Double, height: Double)? {
        let list = entries(axes)
        guard axes.showLegend, !axes.isHidden, !list.isEmpty else { return nil }
        let m = Metrics(list, axes, c, style)
        return (m.width, m.height)
    }

    /// Paddings, row and column sizes of the box, shared by sizing and drawing.
    private struct Metrics {
        let fs: Double, handle: Double, gapAfterHandle: Double, pad: Double, rowGap: Double
        let rowHeight: Double, columnWidth: Double, columnGap: Double, columns: Int, rows: Int
        init(_ list: [Entry], _ axes: Axes, _ c: Canvas, _ style: LayoutMetrics) {
            let size = style.legendFont
            fs = size
            handle = size * 2; gapAfterHandle = size * 0.6; pad = size * 0.45; rowGap = size * 0.35
            rowHeight = c.measure("Ag", size: size).height
            let textWidth = list.map { c.measure($0.label, size: size).width }.max() ?? 0
            (columns, rows) = grid(entries: list.count, requestedColumns: axes.legendColumns)
            columnWidth = size * 2 + size * 0.6 + textWidth; columnGap = size
        }
        var width: Double { pad * 2 + Double(columns) * columnWidth + Double(columns - 1) * columnGap }
        var height: Double { pad * 2 + Double(rows) * rowHeight + Double(rows - 1) * rowGap }
    }

    /// Draws the legend in the box the layout placed it in (inside the frame or beside it).
    static func draw(_ axes: Axes, _ p: PanelLayout, _ c: Canvas, _ style: LayoutMetrics) {
        let list = entries(axes)
        guard axes.showLegend, !list.isEmpty, let placement = p.legend else { return }
        let m = Metrics(list, axes, c, style)
        let box = placement.box
        c.setColor(Color(1, 1, 1, alpha: 0.8)); c.rect(box); c.fill()
        c.setColor(Color(0.8, 0.8, 0.8)); c.setLineWidth(0.8); c.setDash([]); c.rect(box); c.stroke()
        for (i, e) in list.enumerated() {
            let top = box.minY + m.pad + Double(i % m.rows) * (m.rowHeight + m.rowGap)
            let mid = top + m.rowHeight / 2
            let hx = box.minX + m.pad + Double(i / m.rows) * (m.columnWidth + m.columnGap)
            switch e.swatch {
            case .line(let color, let width, let ls, let marker):
                c.setColor(color); c.setLineWidth(min(width, 3)); c.setDash(ls.dashes(width: min(width, 3)))
                c.moveTo(hx, mid); c.lineTo(hx + m.handle, mid); c.stroke(); c.setDash([])
                if let marker { Markers.draw(marker, at: hx + m.handle / 2, mid, size: 6, color: color, c) }
            case .patch(let color):
                c.setColor(color); c.rect(Rect(x: hx, y: mid - m.rowHeight * 0.35, width: m.handle, height: m.rowHeight * 0.7)); c.fill()
            case .marker(let mk, let color):
                Markers.draw(mk, at: hx + m.handle / 2, mid, size: 6, color: color, c)
            }
            c.text(e.label, at: hx + m.handle + m.gapAfterHandle, mid, size: m.fs, h: .left, v: .center)
        }
    }

    /// Columns and rows for `entries` labels; `requestedColumns` 0 means two columns above six entries.
    static func grid(entries: Int, requestedColumns: Int) -> (columns: Int, rows: Int) {
        let wanted = requestedColumns > 0 ? requestedColumns : (entries > 6 ? 2 : 1)
        let columns = max(1, min(entries, wanted))
        return (columns, (entries + columns - 1) / columns)
    }

    /// A legend box inside the panel's frame or beside it.
    enum Placement: Equatable {
        case inside(Rect), outside(Rect)
        var box: Rect { switch self { case .inside(let r), .outside(let r): return r } }
        var isOutside: Bool { if case .outside = self { return true } else { return false } }
    }

    /// Where the legend box goes: inside the frame where it touches no drawn data, or, when
    /// every inside spot is taken, beside the frame to the right, top-aligned (matplotlib's
    /// `bbox_to_anchor=(1.02, 1), loc="upper left"`). An explicit location is kept when it is
    /// free; otherwise the search runs as for `.best`. `besideFrame` is how far right of the
    /// frame the panel's own decorations reach (its colorbar and labels; 0 without one): an
    /// outside legend starts past it.
    static func place(w: Double, h: Double, axes: Axes, p: PanelLayout, style: LayoutMetrics, besideFrame: Double = 0,
                      forceOutside: Bool = false) -> Placement {
        let f = p.frame
        if !forceOutside {
            let footprint = DataFootprint(axes, p.transform)
            for r in candidates(w: w, h: h, frame: f, inset: style.legendFont * 0.5, preferred: axes.legendLocation)
            where !footprint.touches(r) {
                return .inside(r)
            }
        }
        return .outside(Rect(x: f.maxX + besideFrame + outsideGap(f), y: f.minY, width: w, height: h))
    }

    /// The gap between the frame (or its colorbar) and a legend beside it: 2% of the frame's
    /// width as matplotlib's 1.02 anchor, but at least a few points.
    static func outsideGap(_ frame: Rect) -> Double { max(4, 0.02 * frame.width) }

    /// Inside spots in the order they are tried: the preferred location, matplotlib's nine
    /// named spots, then a 5 x 5 grid over the frame (a free gap mid-panel beats leaving it).
    static func candidates(w: Double, h: Double, frame f: Rect, inset: Double, preferred: LegendLocation) -> [Rect] {
        let left = f.minX + inset, right = f.maxX - inset - w, cx = f.minX + (f.width - w) / 2
        let top = f.minY + inset, bottom = f.maxY - inset - h, cy = f.minY + (f.height - h) / 2
        guard right >= left, bottom >= top else { return [] }
        func box(_ loc: LegendLocation) -> Rect {
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
        var out: [Rect] = preferred == .best ? [] : [box(preferred)]
        out += LegendLocation.allCases.filter { $0 != .best && $0 != .right }.map(box)
        for i in 0..<5 {
            for j in 0..<5 {
                out.append(Rect(x: left + (right - left) * Double(j) / 4, y: top + (bottom - top) * Double(i) / 4, width: w, height: h))
            }
        }
        return out
    }
}
