/// The colorbar beside a heatmap or a parameter-colored family of lines.
enum Colorbar {
    static func draw(_ axes: Axes, _ p: PanelLayout, _ c: Canvas, _ style: LayoutMetrics) {
        guard let cb = axes.colorbar, let frame = p.colorbarFrame, let ticks = p.colorbarTicks else { return }
        // The bar is uniform in normalized color position, so a gradient of the map's stops is exact.
        c.fillGradient(frame, colors: cb.colormap.stops, vertical: true)
        c.setColor(.black); c.setLineWidth(style.spineWidth); c.setDash([]); c.rect(frame); c.stroke()
        let fs = style.tickFont
        var widest = 0.0
        for (v, label) in zip(ticks.major, ticks.labels) {
            let y = frame.maxY - cb.scale.normalized(v) * frame.height
            c.line(frame.maxX, y, frame.maxX + style.tickLength, y, color: .black, width: style.tickWidth)
            let box = c.text(label, at: frame.maxX + style.tickLength + style.tickPad, y, size: fs, h: .left, v: .center)
            widest = max(widest, box.width)
        }
        for v in ticks.minor {
            let y = frame.maxY - cb.scale.normalized(v) * frame.height
            c.line(frame.maxX, y, frame.maxX + style.minorTickLength, y, color: .black, width: style.minorTickWidth)
        }
        if let mult = ticks.multiplierLabel {
            c.text(mult, at: frame.minX, frame.minY - 4, size: fs, h: .left, v: .bottom)
        }
        if let label = axes.colorbarLabel {
            let x = frame.maxX + style.tickLength + style.tickPad + widest + style.labelPad
            let m = c.measure(label, size: style.labelFont)
            // Rotated to read upward; its top edge (ascent) faces the tick labels.
            c.text(label, at: x + m.ascent, frame.minY + frame.height / 2, size: style.labelFont,
                   h: .center, v: .baseline, rotation: 90)
        }
    }
}
