import Engagement
import FigureKit
import Foundation
import Render
import WorkbenchKit

/// Panels shared by the engagement figures (4, 19): loss improvement over seeds and per-class
/// control coefficients, colored per digit (C0..C9) or per hierarchy level (C0..C3).
enum EngagementPanels {
    /// The improvement line `improvement` draws in `panel` (unlabeled), as the data CSV names it.
    static func improvementLine(panel: String) -> DrawnSeries { .unlabeled("line", panel: panel) }
    /// The line `coefficients` draws for a class (labeled by its member name, a digit).
    static func coefficientLine(panel: String, member: String) -> DrawnSeries { DrawnSeries(panel: panel, label: member) }
    /// The first node line of a hierarchy level in `coefficients`, which carries the level's label.
    static func levelLine(panel: String, level: Int) -> DrawnSeries { DrawnSeries(panel: panel, label: "level \(level)") }

    /// The node lines `coefficients` drew in `panel` for a hierarchy, grouped by level, root first:
    /// each level's first node carries its label, the others follow it unlabeled.
    static func levels(_ n: FigureNumbers, panel: String) throws -> [[[Double]]] {
        let starts = Set((0..<10).map { levelLine(panel: panel, level: $0).y })
        var levels: [[[Double]]] = []
        for name in n.yColumns(inPanel: panel) {
            if starts.contains(name) { levels.append([try n.column(name)]) } else if !levels.isEmpty { levels[levels.count - 1].append(try n.column(name)) }
        }
        guard !levels.isEmpty else { throw WorkbenchError("no hierarchy level lines in panel (\(panel))") }
        return levels
    }

    /// L_baseline(t) - L_control(t), mean ±2 std over seeds.
    static func improvement(_ ax: Axes, _ records: [RunRecord]) throws {
        let d = try records.map { try Style.difference($0.column(RunColumns.loss, .baseline), $0.column(RunColumns.loss, .control)) }
        Style.meanBand(ax, d, label: nil, color: Style.control)
        ax.hline(0, color: .gray, width: 0.8)
        ax.xLabel = Style.taskTime
        ax.yLabel = "L_{B}(t) - L_{C}(t)"
    }

    /// An SGD loss under the control minus the uniform curriculum's balanced loss (the baseline's
    /// `sgdBalanced`), per seed, then mean ±1 std: the std pools the seeds' spread with both SGD
    /// runs' spreads (mean of their variances), as `Style.sgdBand` does for one curve.
    static func relativeToUniform(_ ax: Axes, _ records: [RunRecord], _ quantity: SGDColumns, label: String, color: Color) throws {
        let uniform = EngagementNames.sgdBalanced
        let differences = try records.map { try Style.difference($0.column(quantity.mean, .control), $0.column(uniform.mean, .baseline)) }
        let variances = try records.map { r -> [Double] in
            let a = try r.column(quantity.std, .control), b = try r.column(uniform.std, .baseline)
            return zip(a, b).map { $0 * $0 + $1 * $1 }
        }
        let (mean, seedStd) = Style.meanStd(differences)
        let within = Style.meanStd(variances).mean
        let std = zip(seedStd, within).map { ($0 * $0 + $1).squareRoot() }
        let x = Style.steps(mean.count)
        ax.band(x, lower: zip(mean, std).map { $0 - $1 }, upper: zip(mean, std).map { $0 + $1 }, color: color, alpha: 0.2)
        ax.line(x, mean, label: label, color: color, width: Style.lineWidth)
    }

    /// One mean line (±2 std band) per class column of the family under the control; semantic
    /// hierarchy nodes are colored by level, with one legend entry per level.
    /// With `windowed`, the time axis ends soon after the last of them settles (`Style.windowToSettling`).
    static func coefficients(_ ax: Axes, _ records: [RunRecord], _ family: ColumnFamily, yLabel: String, windowed: Bool = false) throws {
        let names = records[0].members(of: family, .control)
        guard !names.isEmpty else { throw WorkbenchError("run \(records[0].request) has no \(family.prefix)* columns") }
        var labeled = Set<Int>()
        var means: [[Double]] = []
        defer { if windowed { Style.windowToSettling(ax, means) } }
        for (k, name) in names.enumerated() {
            let runs = try records.map { try $0.column(family.member(name), .control) }
            let band = Style.meanStd(runs)
            means.append(band.mean)
            if let level = EngagementNames.hierarchyLevel(ofMember: name) {
                let label = labeled.insert(level).inserted ? levelLine(panel: "", level: level).label : nil
                Style.meanBand(ax, band, runs: runs.count, label: label, color: Color.C(level))
            } else {
                Style.meanBand(ax, band, runs: runs.count, label: name, color: Color.C(k))
            }
        }
        ax.xLabel = Style.taskTime
        ax.yLabel = yLabel
    }
}
