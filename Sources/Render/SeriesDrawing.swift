import Foundation

/// Draws the data of a panel inside its frame.
enum SeriesDrawing {
    static func draw(_ axes: Axes, _ p: PanelLayout, _ c: Canvas, _ style: LayoutMetrics) {
        let t = p.transform
        c.save()
        c.clip(to: p.frame)
        // Fills first so lines and points stay on top of bands and heatmaps whatever the call order.
        for item in axes.items {
            switch item {
            case .heatmap(let h): drawHeatmap(h, t, c, style)
            case .band(let b): drawBand(b, t, c)
            default: break
            }
        }
        for item in axes.items {
            switch item {
            case .line(let l):
                polyline(l.x, l.y, t, c, color: l.color, width: l.width, style: l.style)
                if let m = l.marker {
                    for i in stride(from: 0, to: l.x.count, by: l.markEvery) where t.usable(l.x[i], l.y[i]) {
                        Markers.draw(m, at: t.px(l.x[i]), t.py(l.y[i]), size: l.markerSize, color: l.color, c)
                    }
                }
            case .lineFamily(let f):
                for (y, param) in zip(f.ys, f.parameters) {
                    let color = f.colormap.color(at: f.scale.normalized(param))
                    polyline(f.x, y, t, c, color: color, width: f.width, style: f.style)
                }
            case .refLine(let r):
                c.setColor(r.color); c.setLineWidth(r.width); c.setDash(r.style.dashes(width: r.width))
                if r.vertical {
                    let x = t.px(r.value); c.moveTo(x, p.frame.minY); c.lineTo(x, p.frame.maxY)
                } else {
                    let y = t.py(r.value); c.moveTo(p.frame.minX, y); c.lineTo(p.frame.maxX, y)
                }
                c.stroke(); c.setDash([])
            case .scatter(let s):
                for (x, y) in zip(s.x, s.y) where t.usable(x, y) {
                    Markers.draw(s.marker, at: t.px(x), t.py(y), size: s.size, color: s.color, c)
                }
            case .heatmap, .band: break
            }
        }
        c.restore()
        // Point labels may run past the frame edge; they are text, not data, so they are not clipped.
        var taken: [Rect] = []
        for case .scatter(let s) in axes.items {
            guard let labels = s.pointLabels else { continue }
            let points = zip(s.x, s.y).filter { t.usable($0.0, $0.1) }.map { (t.px($0.0), t.py($0.1)) }
            taken += points.map { Rect(x: $0.0 - s.size / 2, y: $0.1 - s.size / 2, width: s.size, height: s.size) }
            for (i, (x, y)) in zip(s.x, s.y).enumerated() where t.usable(x, y) && !labels[i].isEmpty {
                let box = placeLabel(labels[i], at: t.px(x), t.py(y), radius: s.size / 2 + 2, frame: p.frame,
                                     taken: taken, c, size: style.annotationFont)
                taken.append(box)
            }
        }
    }

    /// Connected path through finite points; a NaN (or a non-positive value on a log axis) breaks it.
    static func polyline(_ xs: [Double], _ ys: [Double], _ t: Transform, _ c: Canvas, color: Color, width: Double, style: LineStyle) {
        c.setColor(color); c.setLineWidth(width); c.setDash(style.dashes(width: width))
        var penDown = false
        for (x, y) in zip(xs, ys) {
            if t.usable(x, y) {
                if penDown { c.lineTo(t.px(x), t.py(y)) } else { c.moveTo(t.px(x), t.py(y)); penDown = true }
            } else {
                penDown = false
            }
        }
        c.stroke(); c.setDash([])
    }

    static func drawBand(_ b: BandItem, _ t: Transform, _ c: Canvas) {
        c.setColor(b.color.withAlpha(b.alpha * b.color.alpha))
        // Each run of finite points is its own polygon, so gaps in the data stay gaps.
        var run: [Int] = []
        func flush() {
            guard run.count >= 2 else { run = []; return }
            c.moveTo(t.px(b.x[run[0]]), t.py(b.upper[run[0]]))
            for i in run.dropFirst() { c.lineTo(t.px(b.x[i]), t.py(b.upper[i])) }
            for i in run.reversed() { c.lineTo(t.px(b.x[i]), t.py(b.lower[i])) }
            c.closePath(); c.fill()
            run = []
        }
        for i in b.x.indices {
            if t.usable(b.x[i], b.lower[i]) && t.usable(b.x[i], b.upper[i]) { run.append(i) } else { flush() }
        }
        flush()
    }

    static func drawHeatmap(_ h: HeatmapItem, _ t: Transform, _ c: Canvas, _ style: LayoutMetrics) {
        for (r, row) in h.matrix.enumerated() {
            for (col, v) in row.enumerated() {
                let color = h.colormap.color(at: h.scale.normalized(v))
                let x0 = t.px(Double(col) - 0.5), x1 = t.px(Double(col) + 0.5)
                let y0 = t.py(Double(r) - 0.5), y1 = t.py(Double(r) + 0.5)
                // Cells overlap by a hair so antialiasing leaves no seams between them.
                c.setColor(color)
                c.rect(Rect(x: min(x0, x1), y: min(y0, y1), width: abs(x1 - x0) + 0.3, height: abs(y1 - y0) + 0.3))
                c.fill()
            }
        }
        guard h.annotate else { return }
        let cellW = abs(t.px(0.5) - t.px(-0.5)), cellH = abs(t.py(0.5) - t.py(-0.5))
        for (r, row) in h.matrix.enumerated() {
            for (col, v) in row.enumerated() where v.isFinite {
                var text = String(format: h.format, v)
                // "-0.00" is a rounding artefact: a value that prints as zero is shown as zero.
                if text.hasPrefix("-"), let d = Double(text), d == 0 { text.removeFirst() }
                text = TickFormatter.plainMinus(text)
                // Shrink the text until it fits the cell, but never below legibility.
                var size = style.annotationFont
                while size > 5 && (c.measure(text, size: size).width > cellW * 0.9 || c.measure(text, size: size).height > cellH * 0.9) { size -= 0.5 }
                let fill = h.colormap.color(at: h.scale.normalized(v))
                c.text(text, at: t.px(Double(col)), t.py(Double(r)), size: size, color: fill.contrastingText, h: .center, v: .center)
            }
        }
    }

    /// Tries eight spots around a point and keeps the first that stays in the frame and
    /// clears labels and markers already placed.
    static func placeLabel(_ text: String, at x: Double, _ y: Double, radius: Double, frame: Rect, taken: [Rect],
                           _ c: Canvas, size: Double) -> Rect {
        let ts = c.measure(text, size: size)
        let w = ts.width, h = ts.height
        let candidates: [(Double, Double)] = [
            (x + radius, y - radius - h), (x - radius - w, y - radius - h),
            (x + radius, y + radius), (x - radius - w, y + radius),
            (x + radius + 1, y - h / 2), (x - radius - 1 - w, y - h / 2),
            (x - w / 2, y - radius - h - 1), (x - w / 2, y + radius + 1),
        ]
        let boxes = candidates.map { Rect(x: $0.0, y: $0.1, width: w, height: h) }
        let chosen = boxes.first { box in
            box.minX >= frame.minX && box.maxX <= frame.maxX + 20 && box.minY >= frame.minY - 4 && box.maxY <= frame.maxY
                && !taken.contains(where: { $0.intersects(box) })
        } ?? boxes[0]
        c.text(text, at: chosen.x, chosen.y, size: size, h: .left, v: .top)
        return chosen
    }
}
