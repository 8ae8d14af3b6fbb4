import CCairo
import Foundation

/// The only place that holds a cairo context: paths, fills and text in points
/// (1/72 inch, y down). Everything else in Render draws through it.
final class Canvas {
    enum HAlign { case left, center, right }
    enum VAlign { case top, center, baseline, bottom }

    struct TextSize {
        var width: Double, ascent: Double, descent: Double
        var height: Double { ascent + descent }
    }

    let cr: OpaquePointer
    static let fontFamily = "DejaVu Sans"

    init(_ cr: OpaquePointer) {
        self.cr = cr
        // Slight hinting keeps stems sharp at 150 dpi without distorting spacing.
        let options = cairo_font_options_create()
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_SLIGHT)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_set_font_options(cr, options)
        cairo_font_options_destroy(options)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
    }

    // MARK: paths

    func setColor(_ c: Color) { cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha) }
    func setLineWidth(_ w: Double) { cairo_set_line_width(cr, w) }
    func moveTo(_ x: Double, _ y: Double) { cairo_move_to(cr, x, y) }
    func lineTo(_ x: Double, _ y: Double) { cairo_line_to(cr, x, y) }
    func closePath() { cairo_close_path(cr) }
    func rect(_ r: Rect) { cairo_rectangle(cr, r.x, r.y, r.width, r.height) }
    func circle(_ x: Double, _ y: Double, _ radius: Double) {
        cairo_new_sub_path(cr)
        cairo_arc(cr, x, y, radius, 0, 2 * Double.pi)
    }
    func stroke() { cairo_stroke(cr) }
    func fill() { cairo_fill(cr) }
    func fillPreserve() { cairo_fill_preserve(cr) }
    func newPath() { cairo_new_path(cr) }

    func setDash(_ pattern: [Double]) {
        pattern.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
    }

    func save() { cairo_save(cr) }
    func restore() { cairo_restore(cr) }
    func clip(to r: Rect) { rect(r); cairo_clip(cr) }

    /// A solid segment. Axis-parallel segments are snapped to the device pixel grid so thin
    /// spines and ticks stay one sharp pixel row instead of smearing over two at 150 dpi.
    func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, color: Color, width: Double) {
        setColor(color); setLineWidth(width); setDash([])
        var (a, b, c, d) = (x0, y0, x1, y1)
        if x0 == x1 { a = snap(x0, width: width, horizontal: true); c = a }
        if y0 == y1 { b = snap(y0, width: width, horizontal: false); d = b }
        moveTo(a, b); lineTo(c, d); stroke()
    }

    /// Moves a coordinate so a stroke of `width` covers whole device pixels.
    func snap(_ v: Double, width: Double, horizontal: Bool) -> Double {
        var x = horizontal ? v : 0, y = horizontal ? 0 : v
        cairo_user_to_device(cr, &x, &y)
        var wx = width, wy = width
        cairo_user_to_device_distance(cr, &wx, &wy)
        let px = max(1, (horizontal ? wx : wy).rounded())
        let offset = px.truncatingRemainder(dividingBy: 2) == 1 ? 0.5 : 0
        if horizontal { x = (x - offset).rounded() + offset } else { y = (y - offset).rounded() + offset }
        cairo_device_to_user(cr, &x, &y)
        return horizontal ? x : y
    }

    /// A left-to-right gradient of color stops across `r` (vertical when `vertical`, bottom = first stop).
    func fillGradient(_ r: Rect, colors: [Color], vertical: Bool) {
        let pattern = vertical
            ? cairo_pattern_create_linear(r.x, r.y + r.height, r.x, r.y)
            : cairo_pattern_create_linear(r.x, r.y, r.x + r.width, r.y)
        for (i, c) in colors.enumerated() {
            cairo_pattern_add_color_stop_rgba(pattern, Double(i) / Double(colors.count - 1), c.red, c.green, c.blue, c.alpha)
        }
        cairo_set_source(cr, pattern)
        rect(r); fill()
        cairo_pattern_destroy(pattern)
    }

    // MARK: text

    private func selectFont(size: Double, bold: Bool) {
        cairo_select_font_face(cr, Canvas.fontFamily, CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
    }

    private func advance(_ s: String, size: Double, bold: Bool) -> Double {
        selectFont(size: size, bold: bold)
        var ext = cairo_text_extents_t()
        cairo_text_extents(cr, s, &ext)
        return ext.x_advance
    }

    /// Font-wide metrics (not per-string ink) so labels with and without descenders align.
    private func fontMetrics(size: Double, bold: Bool) -> (ascent: Double, descent: Double, capHeight: Double) {
        selectFont(size: size, bold: bold)
        var fe = cairo_font_extents_t()
        cairo_font_extents(cr, &fe)
        var te = cairo_text_extents_t()
        cairo_text_extents(cr, "0", &te)
        // DejaVu's ascent includes accents; the visible digit height is a tighter box.
        return (min(fe.ascent, -te.y_bearing * 1.08), fe.descent * 0.8, -te.y_bearing)
    }

    private func runSize(_ run: TextRun, size: Double) -> Double {
        run.shift == .none ? size : size * RichText.scriptScale
    }

    private func runRise(_ run: TextRun, size: Double) -> Double {
        switch run.shift {
        case .none: return 0
        case .superscript: return size * 0.42
        case .subscript: return -size * 0.18
        }
    }

    func measure(_ text: String, size: Double, bold: Bool = false) -> TextSize {
        let runs = RichText.parse(text)
        let m = fontMetrics(size: size, bold: bold)
        var width = 0.0, ascent = m.ascent, descent = m.descent
        for run in runs {
            let s = runSize(run, size: size)
            width += advance(run.text, size: s, bold: bold)
            let rm = fontMetrics(size: s, bold: bold)
            ascent = max(ascent, rm.ascent + runRise(run, size: size))
            descent = max(descent, rm.descent - runRise(run, size: size))
        }
        return TextSize(width: width, ascent: ascent, descent: descent)
    }

    /// Draws text anchored at (x, y); `rotation` in degrees counter-clockwise (90 = reads upward).
    /// Returns the bounding box in canvas coordinates (for overlap checks).
    @discardableResult
    func text(_ text: String, at x: Double, _ y: Double, size: Double, color: Color = .black,
              bold: Bool = false, h: HAlign = .left, v: VAlign = .baseline, rotation: Double = 0) -> Rect {
        let ts = measure(text, size: size, bold: bold)
        let dx: Double = h == .left ? 0 : h == .center ? -ts.width / 2 : -ts.width
        let capHeight = fontMetrics(size: size, bold: bold).capHeight
        let dy: Double
        switch v {
        case .baseline: dy = 0
        case .top: dy = ts.ascent
        case .bottom: dy = -ts.descent
        case .center: dy = capHeight / 2  // center on the digits, where the tick points
        }
        save()
        cairo_translate(cr, x, y)
        cairo_rotate(cr, -rotation * Double.pi / 180)
        setColor(color)
        var pen = dx
        for run in RichText.parse(text) {
            let s = runSize(run, size: size)
            selectFont(size: s, bold: bold)
            cairo_move_to(cr, pen, dy - runRise(run, size: size))
            cairo_show_text(cr, run.text)
            pen += advance(run.text, size: s, bold: bold)
        }
        restore()
        // Unrotated box; for 90° the caller only needs width/height swapped.
        let box = Rect(x: x + dx, y: y + dy - ts.ascent, width: ts.width, height: ts.height)
        if rotation == 0 { return box }
        return Rect(x: x + (dy - ts.ascent), y: y - dx - ts.width, width: ts.height, height: ts.width)
    }
}

/// An axis-aligned rectangle in points, y down.
struct Rect: Equatable {
    var x: Double, y: Double, width: Double, height: Double
    var minX: Double { x }
    var maxX: Double { x + width }
    var minY: Double { y }
    var maxY: Double { y + height }

    func intersects(_ o: Rect) -> Bool {
        minX < o.maxX && o.minX < maxX && minY < o.maxY && o.minY < maxY
    }
    func contains(_ px: Double, _ py: Double) -> Bool {
        px >= minX && px <= maxX && py >= minY && py <= maxY
    }
    func insetBy(_ d: Double) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }
}
