import Foundation
import Render
import WorkbenchKit

/// The paper's plotting conventions (reference notes, section 7): baseline black, control C0,
/// "Task time" = iteration index on x, mean over seeds with ±2 std bands (ddof 0), normalized
/// rates and control sizes, viridis sweeps.
public enum Style {
    public static let baseline = Color.black
    public static let control = Color.C(0)
    public static let lineWidth = 2.0
    public static let taskTime = "Task time"

    /// A figure in the paper's proportions: panels about 3.6 x 2.9 inches.
    public static func figure(rows: Int, cols: Int, title: String) -> Figure {
        let fig = Figure(rows: rows, cols: cols, width: 3.7 * Double(cols), height: 3.0 * Double(rows) + 0.4, dpi: 110)
        fig.title = title
        return fig
    }

    /// The iteration index 0..<n.
    public static func steps(_ n: Int) -> [Double] { (0..<n).map(Double.init) }

    /// Mean and standard deviation (ddof 0) over runs, step by step.
    public static func meanStd(_ runs: [[Double]]) -> (mean: [Double], std: [Double]) {
        let n = runs.map(\.count).min() ?? 0, k = Double(runs.count)
        var mean = [Double](repeating: 0, count: n), std = mean
        for i in 0..<n {
            var s = 0.0, s2 = 0.0
            for r in runs { s += r[i]; s2 += r[i] * r[i] }
            mean[i] = s / k
            std[i] = max(s2 / k - mean[i] * mean[i], 0).squareRoot()
        }
        return (mean, std)
    }

    /// Mean line with a ±2 std band when there is more than one run.
    public static func meanBand(_ ax: Axes, _ runs: [[Double]], label: String?, color: Color, style: LineStyle = .solid,
                         x: [Double]? = nil) {
        meanBand(ax, meanStd(runs), runs: runs.count, label: label, color: color, style: style, x: x)
    }

    /// The same from a mean and std already computed over `runs` runs (no band for one run).
    public static func meanBand(_ ax: Axes, _ band: (mean: [Double], std: [Double]), runs: Int, label: String?, color: Color,
                                style: LineStyle = .solid, x: [Double]? = nil) {
        let (mean, std) = band
        let xs = x ?? steps(mean.count)
        if runs > 1 {
            ax.band(xs, lower: zip(mean, std).map { $0 - 2 * $1 }, upper: zip(mean, std).map { $0 + 2 * $1 },
                    color: color, alpha: 0.25)
        }
        ax.line(xs, mean, label: label, color: color, width: lineWidth, style: style)
    }

    /// An SGD quantity's mean and std over the SGD runs of each seed, for one role: the mean over
    /// seeds with a band of ±`widths` std, the std pooling the SGD runs' spread (mean of their
    /// variances) with the spread of the seeds' means.
    public static func sgdBand(_ ax: Axes, _ records: [RunRecord], _ quantity: SGDColumns, _ role: Role, label: String?,
                               color: Color, widths: Double = 2, lineAlpha: Double = 1, bandAlpha: Double = 0.2,
                               width: Double = lineWidth, style: LineStyle = .solid) throws {
        let (mean, std) = try sgdMeanStd(records, quantity, role)
        let x = steps(mean.count)
        ax.band(x, lower: zip(mean, std).map { $0 - widths * $1 }, upper: zip(mean, std).map { $0 + widths * $1 },
                color: color, alpha: bandAlpha)
        ax.line(x, mean, label: label, color: lineAlpha < 1 ? color.withAlpha(lineAlpha) : color, width: width, style: style)
    }

    /// The legend labels of the baseline and the control.
    public static let baselineLabel = "Baseline", controlLabel = "Control"

    /// The legend label of a role.
    public static func label(_ role: Role) -> String { role == .baseline ? baselineLabel : controlLabel }

    /// Each role with its color and legend label, baseline first.
    public static let roles: [(role: Role, color: Color, label: String)] =
        [(.baseline, baseline, baselineLabel), (.control, control, controlLabel)]

    /// The lines `baselineVsControl` draws in `panel`, as the figure's data CSV names them.
    public static func baselineVsControlLines(panel: String) -> (baseline: DrawnSeries, control: DrawnSeries) {
        (DrawnSeries(panel: panel, label: baselineLabel), DrawnSeries(panel: panel, label: controlLabel))
    }

    /// Baseline (black) and control (C0) of one per-step quantity across seeds.
    public static func baselineVsControl(_ ax: Axes, _ records: [RunRecord], column: TrajectoryColumn, yLabel: String) throws {
        meanBand(ax, try records.map { try $0.column(column, .baseline) }, label: baselineLabel, color: baseline)
        meanBand(ax, try records.map { try $0.column(column, .control) }, label: controlLabel, color: control)
        ax.xLabel = taskTime
        ax.yLabel = yLabel
    }

    /// Divides by the largest magnitude (unchanged when all zero).
    public static func normalizedByMax(_ v: [Double]) -> [Double] {
        let m = v.map(abs).max() ?? 0
        return m > 0 ? v.map { $0 / m } : v
    }

    /// Step-by-step difference a - b.
    public static func difference(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map { $0 - $1 } }

    /// Normalized d_tL = |dL/dt| (Sec. 6): the per-iteration difference of the loss averaged over
    /// runs (last value repeated, as the authors' np.diff), in absolute value, divided by its
    /// largest value. `jumps` are indices i where L(i+1) - L(i) is no learning but a change of
    /// task (a task switch): those are NaN, which breaks the line, and stay out of the maximum.
    public static func normalizedSpeed(_ losses: [[Double]], jumps: [Int] = []) -> [Double] {
        let mean = meanStd(losses).mean
        guard mean.count > 1 else { return mean.map { _ in 0 } }
        var d = (1..<mean.count).map { abs(mean[$0] - mean[$0 - 1]) }
        d.append(d.last!)
        for j in jumps where d.indices.contains(j) { d[j] = .nan }
        let m = d.filter { !$0.isNaN }.max() ?? 0
        return m > 0 ? d.map { $0 / m } : d
    }

    /// Shows task time 0 ... `fraction` of a run of `steps` iterations: where the curves change
    /// when they all settle early (the data CSV keeps the whole run).
    public static func timeWindow(_ ax: Axes, fraction: Double, steps: Int) {
        ax.xLimits = 0...(fraction * Double(max(steps - 1, 1))).rounded()
    }

    /// Shows task time from 0 to half again the step after which every curve stays within
    /// `tolerance` of the curves' largest range from its own last value, when that is before the
    /// end: a run whose controls settle early would otherwise draw its motion as a wall at the
    /// left edge. The data CSV keeps the whole run.
    public static func windowToSettling(_ ax: Axes, _ curves: [[Double]], tolerance: Double = 0.02) {
        let finite = curves.flatMap { $0 }.filter(\.isFinite)
        guard let steps = curves.map(\.count).max(), steps > 1, let lo = finite.min(), let hi = finite.max(), hi > lo else { return }
        var settled = 0
        for curve in curves {
            guard let last = curve.last, last.isFinite else { return }
            if let k = curve.lastIndex(where: { !$0.isFinite || abs($0 - last) > tolerance * (hi - lo) }) { settled = max(settled, k + 1) }
        }
        let end = (1.5 * Double(max(settled, 1))).rounded(.up)
        if end < Double(steps - 1) { ax.xLimits = 0...end }
    }

    /// An SGD quantity's mean over seeds and its std pooling the SGD runs' spread with the seeds'
    /// (as `sgdBand` draws it), for figures that transform it or mark it before drawing.
    public static func sgdMeanStd(_ records: [RunRecord], _ quantity: SGDColumns, _ role: Role) throws -> (mean: [Double], std: [Double]) {
        let means = try records.map { try $0.column(quantity.mean, role) }
        let stds = try records.map { try $0.column(quantity.std, role) }
        let (mean, seedStd) = meanStd(means)
        let within = meanStd(stds.map { $0.map { $0 * $0 } }).mean
        return (mean, zip(seedStd, within).map { ($0 * $0 + $1).squareRoot() })
    }

    /// SGD drawn so that it stays visible on top of the curve it checks: a ±2 std band, then a
    /// dashed mean line with open-looking markers every 1/15 of the run, drawn after (over) the
    /// solid line of the approximation.
    public static func sgdOverlay(_ ax: Axes, mean: [Double], std: [Double], label: String, color: Color) {
        let x = steps(mean.count)
        ax.band(x, lower: zip(mean, std).map { $0 - 2 * $1 }, upper: zip(mean, std).map { $0 + 2 * $1 }, color: color, alpha: 0.15)
        ax.line(x, mean, label: label, color: color, width: 1.4, style: .dashed, marker: .circle, markerSize: 5,
                markEvery: max(1, mean.count / 15))
    }
}
