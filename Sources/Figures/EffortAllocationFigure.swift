import Render
import WorkbenchKit

/// Figures 5(a-d), 11 and 12: gain modulation of the two-layer network on one dataset,
/// baseline vs control: net reward, loss, weight norms and the normalised learning speed
/// against the normalised control size.
struct EffortAllocationFigure: PaperFigure {
    enum Panel { case reward, loss, norms, speed }

    let number: Int
    let dataset: String
    let datasetName: String
    /// The caption's panel order (Fig. 5 shows norms before loss, Figs. 11-12 the reverse).
    let panels: [Panel]
    var id: String { "fig\(number)" }
    var title: String { "Effort allocation: gain modulation on the \(datasetName) task" }
    let requiredExperiments = [EffortAllocationRuns.experiment]

    static let mnist = EffortAllocationFigure(number: 5, dataset: "mnist", datasetName: "MNIST (1 vs 3)",
                                              panels: [.reward, .norms, .loss, .speed])
    static let gaussian = EffortAllocationFigure(number: 11, dataset: "gaussian", datasetName: "correlated Gaussian",
                                                 panels: [.reward, .loss, .norms, .speed])
    static let semantic = EffortAllocationFigure(number: 12, dataset: "semantic", datasetName: "semantic hierarchy",
                                                 panels: [.reward, .loss, .norms, .speed])

    var caption: String {
        let text: [Panel: String] = [
            .reward: "instant net reward v(t), baseline vs controlled",
            .loss: "loss L(t) throughout learning",
            .norms: "L1 = mean|w| (solid) and L2 = RMS w (dashed) norms of all weights",
            .speed: "normalised -dL/dt (baseline black, control blue) and normalised L2 norm (RMS) of the control G1(t) (green dashed) and G2(t) (red dashed)",
        ]
        var s = "Gain modulation of every weight of the two-layer network trained on the \(datasetName) task (Sec. 6, App. K.2). "
        s += panels.enumerated().map { "(\(Character(UnicodeScalar(97 + $0.offset)!))) \(text[$0.element]!)" }.joined(separator: "; ")
        s += ". Mean and ±2 std over seeds. Control is spent early, around the steepest loss decrease, speeds learning up and "
        s += "makes the weights sparser (lower L1) at a similar L2."
        if number == 5 { s += " Panels (e)-(g) of the paper (task switch) are drawn when the task-switch experiment is in the build." }
        return s
    }

    var readsMNIST: Bool { false }

    func runs(_ c: PlanContext) -> [RunRequest] { EffortAllocationRuns.requests(dataset: dataset, c) }

    func parameterNotes(_ c: PlanContext) -> [String] { [EffortAllocationRuns.note(dataset: dataset, c)] }

    func draw(_ inputs: FigureInputs) throws -> Figure {
        let records = try inputs.runs(runs(inputs.context))
        let fig = Style.figure(rows: 1, cols: panels.count, title: "Figure \(number): " + title)
        for (k, panel) in panels.enumerated() {
            let ax = fig[0, k]
            switch panel {
            case .reward: try Style.baselineVsControl(ax, records, column: "reward", yLabel: "Instant net reward v(t)")
            case .loss: try Style.baselineVsControl(ax, records, column: "loss", yLabel: "Loss L(t)")
            case .norms: try Self.drawNorms(ax, records)
            case .speed: try Self.drawSpeed(ax, records)
            }
        }
        return fig
    }

    static func drawNorms(_ ax: Axes, _ records: [RunRecord]) throws {
        for (suffix, color, name) in [("baseline", Style.baseline, "Baseline"), ("control", Style.control, "Control")] {
            Style.meanBand(ax, try records.map { try $0.column("weight_l1_" + suffix) }, label: name + " L1", color: color)
            Style.meanBand(ax, try records.map { try $0.column("weight_l2_" + suffix) }, label: name + " L2", color: color,
                           style: .dashed)
        }
        ax.xLabel = Style.taskTime
        ax.yLabel = "Weight norm"
    }

    static func drawSpeed(_ ax: Axes, _ records: [RunRecord]) throws {
        ax.line(Style.normalisedRate(try records.map { try $0.column("loss_baseline") }), label: "d_{t}L baseline",
                color: Style.baseline, width: Style.lineWidth)
        ax.line(Style.normalisedRate(try records.map { try $0.column("loss_control") }), label: "d_{t}L control",
                color: Style.control, width: Style.lineWidth)
        for (layer, color) in [("g1", Color.C(2)), ("g2", Color.C(3))] {
            let size = Style.meanStd(try records.map { try $0.column(layer + "_rms_control") }).mean
            ax.line(Style.normalisedByMax(size), label: "|G_{\(layer.dropFirst())}|", color: color,
                    width: Style.lineWidth, style: .dashed)
        }
        ax.xLabel = Style.taskTime
        ax.yLabel = "Normalised unit"
    }
}
