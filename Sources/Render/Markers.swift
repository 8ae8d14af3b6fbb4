/// Marker shapes, filled in the series color with a thin darker edge like matplotlib's.
enum Markers {
    static func draw(_ m: Marker, at x: Double, _ y: Double, size: Double, color: Color, _ c: Canvas) {
        let r = size / 2
        c.setDash([])
        switch m {
        case .circle: c.circle(x, y, r)
        case .square: c.rect(Rect(x: x - r * 0.9, y: y - r * 0.9, width: 1.8 * r, height: 1.8 * r))
        case .triangle:
            c.moveTo(x, y - r * 1.1); c.lineTo(x + r, y + r * 0.7); c.lineTo(x - r, y + r * 0.7); c.closePath()
        case .diamond:
            c.moveTo(x, y - r * 1.1); c.lineTo(x + r * 0.8, y); c.lineTo(x, y + r * 1.1); c.lineTo(x - r * 0.8, y); c.closePath()
        case .plus:
            c.setColor(color); c.setLineWidth(max(1, size / 5))
            c.moveTo(x - r, y); c.lineTo(x + r, y); c.moveTo(x, y - r); c.lineTo(x, y + r); c.stroke()
            return
        case .cross:
            c.setColor(color); c.setLineWidth(max(1, size / 5))
            let d = r * 0.8
            c.moveTo(x - d, y - d); c.lineTo(x + d, y + d); c.moveTo(x - d, y + d); c.lineTo(x + d, y - d); c.stroke()
            return
        }
        c.setColor(color); c.fillPreserve()
        c.setColor(Color(color.red * 0.7, color.green * 0.7, color.blue * 0.7, alpha: color.alpha))
        c.setLineWidth(0.5); c.stroke()
    }
}
