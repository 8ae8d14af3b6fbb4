import FigureKit
import GainModulation
import Render
import TaskSwitch
import WorkbenchKit

/// Figures 5(a-d), 11 and 12: gain modulation of the two-layer network on one dataset,
/// baseline vs control: net reward, loss, weight norms and the normalized learning speed
/// against the normalized control size.
struct EffortAllocationFigure: PaperFigure {
    enum Panel { case reward, loss, norms, speed }

    let number: Int
    let experiment: ExperimentName
    let source: SeededRuns
    let datasetName: String
    /// The caption's panel order (Fig. 5 shows norms before loss, Figs. 11-12 the reverse).
    let panels: [Panel]
    /// Share of the run shown on the time axis, when everything happens early (Fig. 11).
    var window: Double? = nil
    /// The runs switch between two tasks (the task-switch experiment): switch-specific text and
    /// claims, and d_tL broken at the switches.
    var acrossSwitches = false
    var title: String {
        acrossSwitches ? "Gain modulation across task switches" : "Effort allocation: gain modulation on the \(datasetName) task"
    }
    var requiredExperiments: [ExperimentName] { [experiment] + (number == 5 ? [TaskSwitchNames.taskSwitch] : []) }

    static let mnist = EffortAllocationFigure(number: 5, experiment: GainModulationNames.effortAllocation, source: GainRuns.effort(.mnist),
                                              datasetName: "MNIST (1 vs 3)", panels: [.reward, .norms, .loss, .speed])
    static let gaussian = EffortAllocationFigure(number: 11, experiment: GainModulationNames.effortAllocation, source: GainRuns.effort(.gaussian),
                                                 datasetName: "correlated Gaussian", panels: [.reward, .loss, .norms, .speed],
                                                 window: GainRuns.gaussianWindow)
    static let semantic = EffortAllocationFigure(number: 12, experiment: GainModulationNames.effortAllocation, source: GainRuns.effort(.semantic),
                                                 datasetName: "semantic hierarchy", panels: [.reward, .loss, .norms, .speed])
    static let taskSwitch = EffortAllocationFigure(number: 16, experiment: TaskSwitchNames.taskSwitch, source: GainRuns.taskSwitch,
                                                   datasetName: "\(TaskSwitchNames.taskSwitch) (two Gaussian tasks)", panels: [.reward, .loss, .norms, .speed],
                                                   acrossSwitches: true)

    var caption: String {
        let text: [Panel: String] = [
            .reward: "instant net reward v(t), baseline vs controlled",
            .loss: "loss L(t) throughout learning",
            .norms: "L1 = mean|w| (solid) and L2 = RMS w (dashed) norms of all weights",
            .speed: "normalized d_tL = |dL/dt| (the per-iteration change of the mean loss in absolute value, divided by its maximum, Sec. 6; baseline black, control blue) and normalized L2 norm (RMS) of the control G1(t) (green dashed) and G2(t) (red dashed)"
                + (acrossSwitches ? "; d_tL is broken at each switch, where L jumps because the task changes, not through learning" : ""),
        ]
        var s = acrossSwitches
            ? "Gain modulation of the two-layer network while the task switches between two Gaussian tasks (Sec. 6, App. K.3). "
            : "Gain modulation of every weight of the two-layer network trained on the \(datasetName) task (Sec. 6, App. K.2). "
        s += panels.enumerated().map { "(\(Character(UnicodeScalar(97 + $0.offset)!))) \(text[$0.element]!)" }.joined(separator: "; ")
        s += ". Mean and ±2 std over seeds. "
        s += acrossSwitches
            ? "Control rises into every switch and peaks at it; with control the weights grow larger (L2) yet sparser (lower L1/L2), so each switch needs less control."
            : "Control is spent early, around the steepest loss decrease, speeds learning up and makes the weights sparser (lower L1) at a similar L2."
                + (number == 12 ? " On the semantic hierarchy the paper has the control skip the plateaus of step-like learning and peak at the first step (App. K.2); the claims below measure both on these runs." : "")
        if let window {
            s += " Task time is shown over the first \(Int((window * 100).rounded()))% of the run (t ≤ \(Int((window * 80).rounded())) of the paper's 80): "
                + "every curve has settled by then and stays flat to the end (the data CSV holds the whole run)."
        }
        if number == 5 { s += " " + TaskSwitchPanels.caption }
        if number == 12 { s += " " + DatasetNotes.semanticWithoutBias }
        return s
    }

    /// Fig. 5 adds the task-switch panels (e)-(g).
    func withSwitchPanels(_ c: PlanContext) -> Bool { number == 5 }

    func runs(_ c: PlanContext) -> [RunRequest] {
        source.requests(c) + (withSwitchPanels(c) ? GainRuns.taskSwitch.requests(c) : [])
    }

    func parameterNotes(_ c: PlanContext) -> [String] {
        [source.note(c)] + (withSwitchPanels(c) ? ["(e)-(g): " + GainRuns.taskSwitch.note(c)] : [])
    }

    func draw(_ inputs: FigureInputs) throws -> Figure {
        let c = inputs.context
        let records = try inputs.runs(source.requests(c))
        let switches = withSwitchPanels(c)
        let fig = Style.figure(rows: switches ? 2 : 1, cols: panels.count, title: "\(heading): " + title)
        if switches { try TaskSwitchPanels.draw(fig, row: 1, try inputs.runs(GainRuns.taskSwitch.requests(c))) }
        let jumps = acrossSwitches ? try records[0].array(TaskSwitchNames.switchSteps).map { Int($0) - 1 } : []
        for (k, panel) in panels.enumerated() {
            let ax = fig[0, k]
            switch panel {
            case .reward: try Style.baselineVsControl(ax, records, column: RunColumns.reward, yLabel: "Instant net reward v(t)")
            case .loss: try Style.baselineVsControl(ax, records, column: RunColumns.loss, yLabel: "Loss L(t)")
            case .norms: try Self.drawNorms(ax, records)
            case .speed: try Self.drawSpeed(ax, records, jumps: jumps)
            }
            if let window { Style.timeWindow(ax, fraction: window, steps: try records[0].column(RunColumns.loss, .baseline).count) }
        }
        return fig
    }

    /// The weight norms `drawNorms` draws, by their legend names.
    enum WeightNorm: String { case l1 = "L1", l2 = "L2" }

    /// The lines the claims read, as `drawNorms` and `drawSpeed` draw them in `panel`.
    static func normLine(panel: String, _ role: Role, _ norm: WeightNorm) -> DrawnSeries {
        DrawnSeries(panel: panel, label: Style.label(role) + " " + norm.rawValue)
    }
    static func speedLine(panel: String, _ role: Role) -> DrawnSeries { DrawnSeries(panel: panel, label: "d_{t}L " + role.rawValue) }
    static func gainSizeLine(panel: String, layer: Int) -> DrawnSeries { DrawnSeries(panel: panel, label: "|G_{\(layer)}|") }

    static func drawNorms(_ ax: Axes, _ records: [RunRecord]) throws {
        for (role, color, _) in Style.roles {
            Style.meanBand(ax, try records.map { try $0.column(TwoLayerColumnNames.weightL1, role) },
                           label: normLine(panel: "", role, .l1).label, color: color)
            Style.meanBand(ax, try records.map { try $0.column(TwoLayerColumnNames.weightL2, role) },
                           label: normLine(panel: "", role, .l2).label, color: color,
                           style: .dashed)
        }
        ax.xLabel = Style.taskTime
        ax.yLabel = "Weight norm"
    }

    /// `jumps`: indices where the loss jumps because the task switches (no learning there).
    static func drawSpeed(_ ax: Axes, _ records: [RunRecord], jumps: [Int]) throws {
        for (role, color, _) in Style.roles {
            ax.line(Style.normalizedSpeed(try records.map { try $0.column(RunColumns.loss, role) }, jumps: jumps),
                    label: speedLine(panel: "", role).label, color: color, width: Style.lineWidth)
        }
        for (layer, color) in [(1, Color.C(2)), (2, Color.C(3))] {
            let size = Style.meanStd(try records.map { try $0.column(TwoLayerColumnNames.gainRMS(layer: layer), .control) }).mean
            ax.line(Style.normalizedByMax(size), label: gainSizeLine(panel: "", layer: layer).label, color: color,
                    width: Style.lineWidth, style: .dashed)
        }
        ax.xLabel = Style.taskTime
        ax.yLabel = "Normalized unit"
    }
}
