import Foundation
import Render

/// A six-panel figure using every kind of series, shaped like the paper's panels
/// (learning curves with bands, a log-scale loss, a matrix, a gamma sweep, labeled regimes).
func makeSampleFigure() -> Figure {
    let fig = Figure(rows: 2, cols: 3, width: 13, height: 7.5)
    fig.title = "Render sample: every series kind"
    let t = (0..<400).map(Double.init)

    let a = fig[0, 0]
    let base = t.map { 1.2 * exp(-$0 / 150) + 0.05 }
    let ctrl = t.map { 1.2 * exp(-$0 / 60) + 0.05 }
    a.line(t, base, label: "baseline", color: .black, width: 2.5)
    a.band(t, lower: base.map { $0 - 0.06 }, upper: base.map { $0 + 0.06 }, color: .black, alpha: 0.15)
    a.line(t, ctrl, label: "control", color: .C(0), width: 2.5)
    a.band(t, lower: ctrl.map { $0 - 0.06 }, upper: ctrl.map { $0 + 0.06 }, alpha: 0.25)
    a.line(t, t.map { 0.6 * exp(-pow(($0 - 80) / 40, 2)) + 0.02 }, label: "normalized g", color: .C(2), width: 2, style: .dashed)
    a.hline(0.05, color: .gray, style: .dotted, label: "floor")
    a.xLabel = "Task time"; a.yLabel = "Loss L(t)"; a.title = "Learning curves"

    let b = fig[0, 1]
    let steps = (0..<60).map { pow(10, Double($0) / 12) }
    b.xScale = .log; b.yScale = .log
    b.line(steps, steps.map { 3 / (1 + $0) + 1e-4 }, label: "SGD", marker: .circle, markEvery: 6)
    b.line(steps, steps.map { 3 / (1 + $0 * $0) + 1e-4 }, label: "optimal", style: .dashed, marker: .square, markEvery: 6)
    b.xLabel = "Iterations"; b.yLabel = "Loss"; b.title = "Log-log"; b.grid = true

    let c = fig[0, 2]
    let m = (0..<5).map { i in (0..<6).map { j in sin(Double(i) * 0.9) * cos(Double(j) * 0.7) } }
    c.heatmap(m, colormap: .diverging, annotate: true, format: "%.2f", label: "correlation",
              columnLabels: ["c1", "c2", "c3", "c4", "c5", "c6"])
    c.xLabel = "Class"; c.yLabel = "Layer unit"; c.title = "Heatmap (diverging)"

    let d = fig[1, 0]
    let gammas = [0.1, 0.2, 0.4, 0.6, 0.8, 0.9, 0.99]
    d.lines(t, gammas.map { g in t.map { exp(-$0 * g / 80) } }, parameters: gammas, name: "γ")
    d.xLabel = "Task time"; d.yLabel = "Loss"; d.title = "Sweep over γ"

    let e = fig[1, 1]
    e.scatter([0.2, 0.5, 0.8, 1.1, 0.45], [0.3, 0.9, 0.4, 0.75, 0.35],
              pointLabels: ["Hebbian", "Oja", "Anti-Hebbian", "Gradient", "Random"], label: "regimes")
    e.scatter([0.65], [0.6], label: "optimum", color: .C(3), size: 10, marker: .diamond)
    e.vline(0.65, color: .C(3), style: .dashed)
    e.xLabel = "coefficient α_{1}"; e.yLabel = "coefficient α_{2}"; e.title = "Learning-rule regimes"

    let f = fig[1, 2]
    f.heatmap((0..<12).map { i in (0..<12).map { j in exp(-Double((i - j) * (i - j)) / 8) * 1e4 } }, label: "value")
    f.xLabel = "j"; f.yLabel = "i"; f.title = "Heatmap (viridis, large values)"
    return fig
}
