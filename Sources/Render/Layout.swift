import Foundation

/// Where everything of one panel goes, in points.
struct PanelLayout {
    var cell: Rect
    var frame: Rect
    var transform: Transform
    var xTicks: AxisTicks
    var yTicks: AxisTicks
    var colorbarFrame: Rect?
    var colorbarTicks: AxisTicks?
    /// The legend's box, inside the frame or beside it; nil without a legend.
    var legend: Legend.Placement?
}

/// Space a panel's decorations need outside its frame.
private struct Margins {
    var left = 0.0, right = 0.0, top = 0.0, bottom = 0.0
}

/// Grid layout in the spirit of matplotlib's constrained layout: each panel's margins are
/// measured from its actual tick labels, titles, colorbar and a legend placed beside it,
/// then aligned per grid row and column so neighboring panels share edges.
enum FigureLayout {
    static func compute(_ figure: Figure, canvas: Canvas) -> [PanelLayout] {
        let style = LayoutMetrics(base: figure.fontSize)
        let W = figure.width * 72, H = figure.height * 72
        var top = style.outerPad
        if let t = figure.title { top += canvas.measure(t, size: style.suptitleFont, bold: false).height + 6 }
        let cellW = (W - 2 * style.outerPad) / Double(figure.cols)
        let cellH = (H - top - style.outerPad) / Double(figure.rows)
        let cells = (0..<figure.rows * figure.cols).map { i in
            Rect(x: style.outerPad + Double(i % figure.cols) * cellW, y: top + Double(i / figure.cols) * cellH,
                 width: cellW, height: cellH)
        }

        // Start from a typical guess, then re-measure with the frames that result: three passes,
        // and more while a legend newly moves beside its panel (its width joins the margin).
        // Once beside, a legend stays there, so the passes end.
        var margins = Array(repeating: Margins(left: 50, right: 15, top: 25, bottom: 40), count: cells.count)
        var layouts: [PanelLayout] = []
        var outside = Array(repeating: false, count: cells.count)
        for pass in 0..<6 {
            let aligned = align(margins, rows: figure.rows, cols: figure.cols)
            layouts = cells.indices.map { i in
                panel(figure.panels[i], cell: cells[i], margins: aligned[i], style: style, canvas: canvas,
                      legendOutside: outside[i])
            }
            let before = outside
            // The first pass's frames come from a guess; a legend is sent outside from real frames only.
            if pass > 0 { outside = layouts.map { $0.legend?.isOutside ?? false } }
            margins = cells.indices.map { i in
                measure(figure.panels[i], layouts[i], style: style, canvas: canvas,
                        letter: figure.showsPanelLetters)
            }
            if pass >= 2 && outside == before { break }
        }
        return layouts
    }

    private static func align(_ m: [Margins], rows: Int, cols: Int) -> [Margins] {
        m.indices.map { i in
            let r = i / cols, c = i % cols
            let column = stride(from: c, to: m.count, by: cols).map { m[$0] }
            let row = (r * cols..<(r + 1) * cols).map { m[$0] }
            return Margins(left: column.map(\.left).max()!, right: column.map(\.right).max()!,
                           top: row.map(\.top).max()!, bottom: row.map(\.bottom).max()!)
        }
    }

    private static func panel(_ axes: Axes, cell: Rect, margins: Margins, style: LayoutMetrics, canvas: Canvas,
                              legendOutside: Bool) -> PanelLayout {
        let frame = Rect(x: cell.x + margins.left, y: cell.y + margins.top,
                         width: max(10, cell.width - margins.left - margins.right),
                         height: max(10, cell.height - margins.top - margins.bottom))
        let limits = axes.resolvedLimits()
        let t = Transform(frame: frame, x: limits.x, y: limits.y, xScale: axes.xScale, yScale: axes.yScale,
                          yInverted: axes.yInverted)
        let fs = style.tickFont
        let xTicks = AxisTicks.make(range: limits.x, scale: axes.xScale, length: frame.width, manual: axes.xTicks,
                                    manualLabels: axes.xTickLabels, integerOnly: axes.integerTicks, horizontal: true,
                                    extent: { canvas.measure($0, size: fs).width }, gap: fs * 0.8, fontSize: fs)
        let yTicks = AxisTicks.make(range: limits.y, scale: axes.yScale, length: frame.height, manual: axes.yTicks,
                                    manualLabels: axes.yTickLabels, integerOnly: axes.integerTicks, horizontal: false,
                                    extent: { canvas.measure($0, size: fs).height }, gap: fs * 0.4, fontSize: fs)
        var layout = PanelLayout(cell: cell, frame: frame, transform: t, xTicks: xTicks, yTicks: yTicks)
        if let cb = axes.colorbar {
            let barFrame = Rect(x: frame.maxX + style.colorbarGap, y: frame.y, width: style.colorbarWidth, height: frame.height)
            let range = cb.scale.lower...max(cb.scale.upper, cb.scale.lower + 1e-12)
            layout.colorbarFrame = barFrame
            layout.colorbarTicks = AxisTicks.make(range: range, scale: cb.scale.log ? .log : .linear, length: frame.height,
                                                  manual: nil, manualLabels: nil, integerOnly: false, horizontal: false,
                                                  extent: { canvas.measure($0, size: fs).height }, gap: fs * 0.4, fontSize: fs,
                                                  sparse: true)
        }
        if let size = Legend.size(axes, canvas, style) {
            layout.legend = Legend.place(w: size.width, h: size.height, axes: axes, p: layout, style: style,
                                         besideFrame: colorbarExtent(axes, layout, style: style, canvas: canvas),
                                         forceOutside: legendOutside)
        }
        return layout
    }

    /// How far right of the frame the colorbar and its labels reach (0 without one).
    private static func colorbarExtent(_ axes: Axes, _ p: PanelLayout, style: LayoutMetrics, canvas: Canvas) -> Double {
        guard let cbTicks = p.colorbarTicks else { return 0 }
        let fs = style.tickFont
        var cb = style.colorbarGap + style.colorbarWidth + style.tickLength + style.tickPad
        cb += cbTicks.labels.map { canvas.measure($0, size: fs).width }.max() ?? 0
        if let label = axes.colorbarLabel { cb += style.labelPad + canvas.measure(label, size: style.labelFont).height }
        return cb
    }

    /// Where the panel title's baseline goes: just above the frame, or, when the y axis's ×10^k
    /// label (drawn at the frame's top-left) would run into it, above that label. Layout and
    /// drawing both use it, so the margin reserved is the one drawn into.
    static func titleBaseline(_ axes: Axes, _ p: PanelLayout, canvas: Canvas, style: LayoutMetrics) -> Double? {
        guard let title = axes.title else { return nil }
        let f = p.frame, t = canvas.measure(title, size: style.titleFont)
        var baseline = f.minY - 6
        if let mult = p.yTicks.multiplierLabel {
            let m = canvas.measure(mult, size: style.tickFont)
            let clear = f.minX + f.width / 2 - t.width / 2 > f.minX + m.width + 6
            if !clear { baseline = f.minY - 4 - m.height - 4 - t.descent }
        }
        return baseline
    }

    /// The margins this panel's decorations actually need, given its current ticks.
    private static func measure(_ axes: Axes, _ p: PanelLayout, style: LayoutMetrics, canvas: Canvas, letter: Bool) -> Margins {
        let fs = style.tickFont
        let tickSpace = style.tickLength + style.tickPad
        var m = Margins()
        let yLabelWidth = p.yTicks.labels.map { canvas.measure($0, size: fs).width }.max() ?? 0
        m.left = style.outerPad + tickSpace + yLabelWidth
        if let yl = axes.yLabel { m.left += style.labelPad + canvas.measure(yl, size: style.labelFont).height }

        let xLabelHeight = p.xTicks.labels.map { canvas.measure($0, size: fs).height }.max() ?? 0
        m.bottom = style.outerPad + tickSpace + xLabelHeight
        if let xl = axes.xLabel { m.bottom += style.labelPad + canvas.measure(xl, size: style.labelFont).height }

        var topNeed = canvas.measure("0", size: fs).height / 2 + 2  // top y label overhangs the frame
        if let mult = p.yTicks.multiplierLabel { topNeed = canvas.measure(mult, size: fs).height + 4 }
        if let title = axes.title, let baseline = titleBaseline(axes, p, canvas: canvas, style: style) {
            topNeed = max(topNeed, p.frame.minY - baseline + canvas.measure(title, size: style.titleFont).ascent + 2)
        }
        if letter { topNeed = max(topNeed, canvas.measure("(a)", size: style.letterFont, bold: true).height + 6) }
        m.top = style.outerPad + topNeed

        // The last x label hangs half its width past the frame, plus the ×10^k label if any.
        var rightNeed = (p.xTicks.labels.last.map { canvas.measure($0, size: fs).width / 2 } ?? 0) + 2
        if let mult = p.xTicks.multiplierLabel { rightNeed += 2 + canvas.measure(mult, size: fs).width }
        rightNeed = max(rightNeed, colorbarExtent(axes, p, style: style, canvas: canvas))
        if let legend = p.legend, legend.isOutside { rightNeed = max(rightNeed, legend.box.maxX - p.frame.maxX) }
        m.right = style.outerPad + max(rightNeed, 6)
        return m
    }
}
