import Foundation

/// A figure: a grid of `rows` x `cols` panels on a page `width` x `height` inches.
///
///     let fig = Figure(rows: 1, cols: 2, width: 10, height: 4)
///     fig[0, 0].line(t, loss, label: "control", color: .C(0))
///     try fig.write(to: "fig2.png", metadata: ["experiment": "gain"])
public final class Figure {
    public let rows: Int, cols: Int
    /// Page size in inches.
    public var width: Double, height: Double
    /// Pixels per inch of PNG output (vector output is resolution-free).
    public var dpi: Double
    /// Figure title, centered above all panels.
    public var title: String?
    /// Base font size in points; tick labels, titles and legends scale from it.
    public var fontSize: Double = 10
    /// Bold "(a)", "(b)", ... at each panel's top-left; on by default for multi-panel figures.
    public var panelLetters: Bool?
    /// Row-major: panel (r, c) is `panels[r * cols + c]`.
    public let panels: [Axes]

    public init(rows: Int = 1, cols: Int = 1, width: Double = 6.4, height: Double = 4.8, dpi: Double = 150) {
        precondition(rows >= 1 && cols >= 1, "a figure needs at least one row and one column")
        self.rows = rows; self.cols = cols
        self.width = width; self.height = height; self.dpi = dpi
        self.panels = (0..<rows * cols).map { _ in Axes() }
    }

    public subscript(row: Int, col: Int) -> Axes {
        precondition(row >= 0 && row < rows && col >= 0 && col < cols, "panel (\(row), \(col)) outside a \(rows)x\(cols) figure")
        return panels[row * cols + col]
    }

    var showsPanelLetters: Bool { panelLetters ?? (panels.count > 1) }

    /// The axes' own `letter`, else "a", "b", ... "z", "aa" ... by position: the panel's name in letters, errors and CSV headers.
    func panelName(_ index: Int) -> String {
        if let letter = panels[index].letter { return letter }
        var i = index, s = ""
        repeat { s = String(UnicodeScalar(UInt8(97 + i % 26))) + s; i = i / 26 - 1 } while i >= 0
        return s
    }

    /// PNG size in pixels.
    public var pixelSize: (width: Int, height: Int) {
        (Int((width * dpi).rounded()), Int((height * dpi).rounded()))
    }

    func validate() throws {
        guard width > 0, height > 0, dpi > 0, width.isFinite, height.isFinite, dpi.isFinite else {
            throw RenderError("figure size \(width)x\(height) in at \(dpi) dpi is invalid; expected positive finite numbers")
        }
        for (i, axes) in panels.enumerated() { try axes.validate(panel: panelName(i)) }
    }

    /// Draws every panel onto a canvas whose unit is the point.
    func draw(on c: Canvas) {
        let style = LayoutMetrics(base: fontSize)
        c.setColor(.white); c.rect(Rect(x: 0, y: 0, width: width * 72, height: height * 72)); c.fill()
        let layouts = FigureLayout.compute(self, canvas: c)
        if let title {
            // A title wider than a narrow figure is set smaller rather than cut at the edges.
            let room = width * 72 - 2 * style.outerPad, wide = c.measure(title, size: style.suptitleFont).width
            let size = wide > room ? style.suptitleFont * room / wide : style.suptitleFont
            c.text(title, at: width * 36, style.outerPad, size: size, h: .center, v: .top)
        }
        for (i, (axes, p)) in zip(panels, layouts).enumerated() where !axes.isHidden {
            AxesDrawing.drawGrid(axes, p, c, style)
            SeriesDrawing.draw(axes, p, c, style)
            AxesDrawing.drawFrame(axes, p, c, style)
            AxesDrawing.drawTitles(axes, p, c, style, letter: showsPanelLetters ? "(\(panelName(i)))" : nil)
            Legend.draw(axes, p, c, style)
            Colorbar.draw(axes, p, c, style)
        }
    }

    /// Where data point (x, y) of panel (row, col) lands in the PNG, in pixels from the
    /// top-left corner; lets tests and callers check rendered output against the data.
    public func pixel(row: Int, col: Int, x: Double, y: Double) throws -> (x: Double, y: Double) {
        _ = self[row, col]  // traps with a clear message on a panel outside the grid
        try validate()
        let layouts = try Raster.withMeasuringCanvas(self) { FigureLayout.compute(self, canvas: $0) }
        let t = layouts[row * cols + col].transform
        let scale = dpi / 72
        return (t.px(x) * scale, t.py(y) * scale)
    }
}
