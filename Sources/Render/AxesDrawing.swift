import Foundation

/// Frame decorations of a panel: grid, spines, ticks, tick labels, axis labels, title
/// and panel letter.
enum AxesDrawing {
    static func drawGrid(_ axes: Axes, _ p: PanelLayout, _ c: Canvas, _ style: LayoutMetrics) {
        guard axes.grid else { return }
        for v in p.xTicks.major { let x = p.transform.px(v); c.line(x, p.frame.minY, x, p.frame.maxY, color: style.gridColor, width: 0.6) }
        for v in p.yTicks.major { let y = p.transform.py(v); c.line(p.frame.minX, y, p.frame.maxX, y, color: style.gridColor, width: 0.6) }
    }

    static func drawFrame(_ axes: Axes, _ p: PanelLayout, _ c: Canvas, _ style: LayoutMetrics) {
        let f = p.frame, t = p.transform, fs = style.tickFont
        let w = style.spineWidth
        c.line(f.minX, f.maxY + w / 2, f.minX, f.minY - (axes.showTopRightSpines ? w / 2 : 0), color: .black, width: w)
        c.line(f.minX - w / 2, f.maxY, f.maxX + (axes.showTopRightSpines ? w / 2 : 0), f.maxY, color: .black, width: w)
        if axes.showTopRightSpines {
            c.line(f.maxX, f.maxY, f.maxX, f.minY - w / 2, color: .black, width: w)
            c.line(f.minX, f.minY, f.maxX, f.minY, color: .black, width: w)
        }
        // Ticks point outwards, as in matplotlib's default style.
        for v in p.xTicks.minor { let x = t.px(v); c.line(x, f.maxY, x, f.maxY + style.minorTickLength, color: .black, width: style.minorTickWidth) }
        for v in p.yTicks.minor { let y = t.py(v); c.line(f.minX, y, f.minX - style.minorTickLength, y, color: .black, width: style.minorTickWidth) }
        let labelTop = f.maxY + style.tickLength + style.tickPad
        for (v, label) in zip(p.xTicks.major, p.xTicks.labels) {
            let x = t.px(v)
            c.line(x, f.maxY, x, f.maxY + style.tickLength, color: .black, width: style.tickWidth)
            if !label.isEmpty { c.text(label, at: x, labelTop, size: fs, h: .center, v: .top) }
        }
        var yLabelsWidth = 0.0
        for (v, label) in zip(p.yTicks.major, p.yTicks.labels) {
            let y = t.py(v)
            c.line(f.minX, y, f.minX - style.tickLength, y, color: .black, width: style.tickWidth)
            if !label.isEmpty {
                let box = c.text(label, at: f.minX - style.tickLength - style.tickPad, y, size: fs, h: .right, v: .center)
                yLabelsWidth = max(yLabelsWidth, box.width)
            }
        }
        if let mult = p.xTicks.multiplierLabel {
            let half = p.xTicks.labels.last.map { c.measure($0, size: fs).width / 2 } ?? 0
            c.text(mult, at: f.maxX + half + 2, labelTop, size: fs, h: .left, v: .top)
        }
        if let mult = p.yTicks.multiplierLabel {
            c.text(mult, at: f.minX, f.minY - 4, size: fs, h: .left, v: .bottom)
        }
        if let xl = axes.xLabel {
            let tickLabelHeight = p.xTicks.labels.map { c.measure($0, size: fs).height }.max() ?? 0
            c.text(xl, at: f.minX + f.width / 2, labelTop + tickLabelHeight + style.labelPad, size: style.labelFont,
                   h: .center, v: .top)
        }
        if let yl = axes.yLabel {
            let x = f.minX - style.tickLength - style.tickPad - yLabelsWidth - style.labelPad
            // Rotated 90°: the text's "bottom" faces the axis, so anchor its descent edge at x.
            c.text(yl, at: x - c.measure(yl, size: style.labelFont).descent, f.minY + f.height / 2,
                   size: style.labelFont, h: .center, v: .baseline, rotation: 90)
        }
    }

    static func drawTitles(_ axes: Axes, _ p: PanelLayout, _ c: Canvas, _ style: LayoutMetrics, letter: String?) {
        let f = p.frame
        if let title = axes.title, let baseline = FigureLayout.titleBaseline(axes, p, canvas: c, style: style) {
            c.text(title, at: f.minX + f.width / 2, baseline, size: style.titleFont, h: .center, v: .baseline)
        }
        if let letter {
            // Left edge of the cell, just above the frame like the paper's text at axes
            // (-0.15, 1.05). Frames of a row share their top, so the letters line up.
            let h = c.measure(letter, size: style.letterFont, bold: true)
            c.text(letter, at: p.cell.minX + 1, max(p.cell.minY + h.ascent + 1, f.minY - 6),
                   size: style.letterFont, bold: true, h: .left, v: .baseline)
        }
    }
}
