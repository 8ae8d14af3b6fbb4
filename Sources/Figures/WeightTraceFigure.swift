import FigureKit
import GainModulation
import Render
import TaskSwitch
import WorkbenchKit

/// Figures 13-15: individual weights of W1 and W2 (baseline solid, control dashed) and the
/// gains G1, G2 acting on them, one color per weight, from the first seed's run.
struct WeightTraceFigure: PaperFigure {
    let number: Int
    let experiment: ExperimentName
    let source: SeededRuns
    let datasetName: String
    /// Share of the run shown on the time axis, when everything happens early (Fig. 13).
    var window: Double? = nil
    /// The runs switch between two tasks (the task-switch experiment): switch lines and claims.
    var acrossSwitches = false
    var title: String { "Weights and gains through training, \(datasetName)" }
    var requiredExperiments: [ExperimentName] { [experiment] }

    static let gaussian = WeightTraceFigure(number: 13, experiment: GainModulationNames.effortAllocation, source: GainRuns.effort(.gaussian),
                                            datasetName: "correlated Gaussian task", window: GainRuns.gaussianWindow)
    static let semantic = WeightTraceFigure(number: 14, experiment: GainModulationNames.effortAllocation, source: GainRuns.effort(.semantic),
                                            datasetName: "semantic hierarchy task")
    static let mnist = WeightTraceFigure(number: 15, experiment: GainModulationNames.effortAllocation, source: GainRuns.effort(.mnist),
                                         datasetName: "MNIST (1 vs 3) task")
    static let taskSwitch = WeightTraceFigure(number: 17, experiment: TaskSwitchNames.taskSwitch, source: GainRuns.taskSwitch,
                                              datasetName: "task switches", acrossSwitches: true)

    var caption: String {
        """
        Weight and control evolution through training, \(datasetName) (Sec. 6, App. K.2-K.3), \
        first seed. (a) first-layer weights W1(t), baseline solid and control dashed; (b) second-layer weights W2(t); \
        (c) first-layer gains G1(t); (d) second-layer gains G2(t), with the RMS of all of the layer's gains in black. Up to ten weights per layer: those that change \
        most in the baseline run (largest |W(T) - W(0)|); each color is one weight, matching between weight and gain \
        panels\(acrossSwitches ? "; dotted gray lines mark the task switches" : ""). With control a few weights grow larger than any in the baseline while the rest stay nearer zero\
        \(acrossSwitches ? "; the gains act at the task switches" : "; the gains act early in learning").\
        \(window.map { " Task time is shown over the first \(Int(($0 * 100).rounded()))% of the run (t ≤ \(Int(($0 * 80).rounded())) of the paper's 80): the weights and gains are flat afterwards (the data CSV holds the whole run)." } ?? "")
        """ + (number == 14 ? " " + DatasetNotes.semanticWithoutBias : "")
    }

    func claims(_ c: PlanContext) -> [Claim] {
        let quote = acrossSwitches
            ? "“the weights when using control are grouped in two clusters, the ones influenced by the control signal which have larger absolute values, and the rest are pushed near zero”"
            : "“There is a cluster of weights that move closer to zero compared to the baseline training, and a few weights … become larger with time”"
        let amplified = Claim("(a, b) " + quote + ": over the traced weights of both layers (the 20 that change most in the baseline), the "
                              + "largest final |W| is larger and the median final |W| smaller than in the baseline",
                              citation: acrossSwitches ? "App. K.3" : "App. K.2", oneSeed: true) { n in
            var finals: [Role: [Double]] = [.baseline: [], .control: []]
            for panel in ["a", "b"] {
                for name in n.yColumns(inPanel: panel) {
                    let role = name.hasSuffix(Self.roleEnd(.baseline)) ? Role.baseline : .control
                    finals[role]!.append(abs(try n.column(name).last!))
                }
            }
            let b = finals[.baseline]!, c = finals[.control]!
            guard !b.isEmpty, b.count == c.count else { return ClaimOutcome(false, "traced weights: \(b.count) baseline, \(c.count) control") }
            let maxB = b.max()!, maxC = c.max()!, medB = Measure.median(b), medC = Measure.median(c)
            return ClaimOutcome(maxC > maxB && medC < medB,
                                "final |W| over \(b.count) weights: largest \(Measure.text(maxC)) (control) vs \(Measure.text(maxB)) (baseline), median \(Measure.text(medC)) vs \(Measure.text(medB))")
        }
        return [amplified, acrossSwitches ? gainsAtSwitches : gainsEarly]
    }

    /// A traced weight's or gain's label: its column and the role ("w1_3 baseline"); and the end of
    /// its y column in the data CSV ("_baseline_y").
    static func traceLabel(_ column: TrajectoryColumn, _ role: Role) -> String { column.stem + " " + role.rawValue }
    static func roleEnd(_ role: Role) -> String { DrawnSeries(panel: "", label: " " + role.rawValue).y }

    /// The switch lines of (c), as drawn (one per switch; Render numbers the repeats `_x_2`, ...).
    static let switchLines = DrawnSeries(panel: "c", label: "switch")
    /// The RMS of all of a layer's gains, drawn in black in (c, d) with the traced gains.
    static func gainRMS(_ panel: String) -> DrawnSeries { DrawnSeries(panel: panel, label: "RMS of all gains") }

    private var gainsEarly: Claim {
        Claim("(c, d) “Most of the control is exerted in early stages of learning …, decaying to zero at the end of the given time frame”: "
              + "for each layer's RMS of all gains, the mean over the first quarter of the run is at least 3x that over the last half, and "
              + "the mean over the last 5% at most 5% of its peak (as Figs. 5, 11, 12 (d))", citation: "App. K.2", oneSeed: true) { n in
            let r = try ["c", "d"].map { Rule.earlyThenDecays(try n.y(Self.gainRMS($0))) }
            return ClaimOutcome(r.allSatisfy(\.passed), Rule.earlyThenDecaysText("G1", r[0]) + "; " + Rule.earlyThenDecaysText("G2", r[1]))
        }
    }

    private var gainsAtSwitches: Claim {
        Claim("(c, d) “The gain modulation allocates resources for every switch”, “The control signal starts acting before the switch”: at "
              + "every switch s, the sum of the layers' RMS of all gains first reaches half its peak over (s - P/2, s + P/2) before s",
              citation: "App. K.3; Sec. 6.1", oneSeed: true) { n in
            let g1 = try n.y(Self.gainRMS("c")), g2 = try n.y(Self.gainRMS("d"))
            let switches = try n.names.filter { $0.hasPrefix(Self.switchLines.x) }.map { Int(try n.column($0)[0]) }.sorted()
            return Rule.startsBeforeSwitches(zip(g1, g2).map { $0 + $1 }, switches: switches)
        }
    }

    func runs(_ c: PlanContext) -> [RunRequest] { [source.first(c)] }

    func parameterNotes(_ c: PlanContext) -> [String] { [source.note(c) + "; only seed 0 is shown"] }

    func draw(_ inputs: FigureInputs) throws -> Figure {
        let run = try inputs.run(runs(inputs.context)[0])
        let fig = Style.figure(rows: 2, cols: 2, title: "\(heading): " + title)
        for (k, layer) in [1, 2].enumerated() {
            let weights = fig[0, k], gains = fig[1, k]
            let family = TwoLayerColumnNames.weights(layer: layer)
            let traced = run.members(of: family, .baseline)
            guard !traced.isEmpty else {
                throw WorkbenchError("run \(run.request) has no traced \(family.prefix)* columns; set traced > 0")
            }
            // Labels name the CSV columns (a_w1_3_baseline_y ...); the panels show no legend (one
            // entry per weight would hide them), the title says solid/dashed.
            for (j, member) in traced.enumerated() {
                let color = Color.C(j), weight = family.member(member)
                weights.line(try run.column(weight, .baseline), label: Self.traceLabel(weight, .baseline), color: color, width: 1.5)
                weights.line(try run.column(weight, .control), label: Self.traceLabel(weight, .control), color: color, width: 1.5, style: .dashed)
                let gain = TwoLayerColumnNames.gains(layer: layer).member(member)
                gains.line(try run.column(gain, .control), label: Self.traceLabel(gain, .control), color: color, width: 1.5)
            }
            gains.line(try run.column(TwoLayerColumnNames.gainRMS(layer: layer), .control), label: Self.gainRMS("").label,
                       color: Style.baseline, width: Style.lineWidth)
            let steps = try run.column(RunColumns.loss, .baseline).count
            if acrossSwitches {
                for s in try run.array(TaskSwitchNames.switchSteps) {
                    for ax in [weights, gains] { ax.vline(s, color: .gray, width: 0.8, style: .dotted, label: Self.switchLines.label) }
                }
            }
            for ax in [weights, gains] {
                ax.showLegend = false
                if let window { Style.timeWindow(ax, fraction: window, steps: steps) }
            }
            weights.xLabel = Style.taskTime
            weights.yLabel = "W_{\(layer)}(t)"
            weights.title = "solid: baseline, dashed: control"
            gains.xLabel = Style.taskTime
            gains.yLabel = "G_{\(layer)}(t)"
        }
        return fig
    }
}
