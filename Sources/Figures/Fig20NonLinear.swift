import FigureKit
import GainModulation
import Render
import WorkbenchKit

/// Figure 20 (App. I, K.6): gain modulation of a tanh network through its Taylor-approximated
/// dynamics, checked against SGD on the real network.
struct NonLinearFigure: PaperFigure {
    let number = 20
    let title = "Learning effort in a non-linear (tanh) network"
    let caption = """
        (a) L(t) and (b) v(t): solid lines are the approximated dynamics (App. I's first-order expansion around the \
        input mean, eq. 90, followed by gradient flow on its loss; the printed eq. 91, like the authors' code, adds \
        two terms that the gradient of that loss does not have, and the workbench uses the exact gradient), baseline \
        black and control blue; dashed lines with circles and bands are SGD on the real tanh network with the inferred gains in the \
        control case (mean ±2 std over SGD runs; the loss is measured at every step on one fixed sample of 1024 \
        examples, since the batch loss of 32 examples is mostly sampling noise; v = -η L - C with the same cost of \
        control). (c), (d) W1(t), W2(t) in the baseline case; (e), (f) L1 and L2 norms of all weights, approximated \
        dynamics solid and SGD dashed with circles (mean ±2 std over SGD runs), baseline black and control blue; \
        (g), (h) W1(t), W2(t) in the control case; (i), (j) the gains G1(t), G2(t) of the traced weights (colors) \
        and the RMS of all of the layer's gains (black). In (c, d, g, h) \
        solid lines are the approximated dynamics and dashed lines the same weights trained by SGD on the real tanh \
        network (mean over SGD runs from the same initial weights), one color per weight: the 8 weights of each \
        layer that change most in the baseline, with their gains in (i, j). The approximation follows SGD only \
        roughly: SGD's loss lags it early, then keeps falling after the approximation has settled, and ends well \
        below it, in both cases (compare `a_*_y` with `a_*_sgd_y` in the data).
        """
    let requiredExperiments = [GainModulationNames.nonLinear]

    func runs(_ c: PlanContext) -> [RunRequest] { [RunRequest(GainModulationNames.nonLinear, preset: c.preset, [.set(.traced, 8)])] }

    func parameterNotes(_ c: PlanContext) -> [String] {
        ["\(GainModulationNames.nonLinear) `\(c.preset.rawValue)` preset (Table 5, non-linear column), the 8 weights per layer that change most are traced (approximation and SGD); the SGD runs' loss is measured on a fixed evaluation sample (eval_examples = 1024)"]
    }

    /// The lines of (a) and (e) the claims read, as drawn: the approximation's per role and SGD's.
    static func approximation(_ panel: String, _ role: Role) -> DrawnSeries { DrawnSeries(panel: panel, label: Style.label(role)) }
    static func sgd(_ panel: String, _ role: Role) -> DrawnSeries { DrawnSeries(panel: panel, label: Style.label(role) + " SGD") }
    /// What a traced weight's lines in (c, d, g, h) add to its column name: the approximation's
    /// and SGD's, and the ends of their y columns.
    static let approxTag = " approx", sgdTag = " SGD"
    static let approxEnd = DrawnSeries(panel: "", label: approxTag).y, sgdEnd = DrawnSeries(panel: "", label: sgdTag).y

    /// The RMS of all of a layer's gains, drawn in black in (i, j) with the traced gains.
    static func gainRMS(_ panel: String) -> DrawnSeries { DrawnSeries(panel: panel, label: "RMS of all gains") }

    func claims(_ c: PlanContext) -> [Claim] {
        let improves = "“The obtained control signal using the approximated dynamics is still able to improve training of the real non-linear "
            + "network using SGD and gain modulation as shown in Figures 20a and 20b”"
        return [
            Claim("(a) " + improves + ": the loss summed over the run is lower with control, in SGD as in the approximation",
                  citation: "App. K.6.1", oneSeed: true) { n in
                let sgd = Rule.lowerLoss(baseline: try n.y(Self.sgd("a", .baseline)), control: try n.y(Self.sgd("a", .control)))
                let approx = Rule.lowerLoss(baseline: try n.y(Self.approximation("a", .baseline)), control: try n.y(Self.approximation("a", .control)))
                return ClaimOutcome(sgd.passed && approx.passed, "SGD: \(sgd.text); approximation: \(approx.text)")
            },
            Claim("(b) " + improves + ": the net reward v(t) summed over the run (undiscounted, as drawn) is higher with control, in SGD as in "
                  + "the approximation", citation: "App. K.6.1", oneSeed: true) { n in
                func sums(_ lines: (DrawnSeries, DrawnSeries)) throws -> (Double, Double) {
                    (Measure.sum(try n.y(lines.0)), Measure.sum(try n.y(lines.1)))
                }
                let sgd = try sums((Self.sgd("b", .baseline), Self.sgd("b", .control)))
                let approx = try sums((Self.approximation("b", .baseline), Self.approximation("b", .control)))
                return ClaimOutcome(sgd.1 > sgd.0 && approx.1 > approx.0,
                                    "Σv, control vs baseline: SGD \(Measure.text(sgd.1)) vs \(Measure.text(sgd.0)); approximation \(Measure.text(approx.1)) vs \(Measure.text(approx.0))")
            },
            Claim("(i, j) “most of the control is exerted in the early stages of learning, as depicted in Figures 20i and 20j (and in all linear "
                  + "networks tested)”: for each layer's RMS of all gains, the mean over the first quarter of the run is at least 3x that over "
                  + "the last half, and the mean over the last 5% at most 5% of its peak (as Figs. 5, 11-15)", citation: "App. K.6.1", oneSeed: true) { n in
                let r = try ["i", "j"].map { Rule.earlyThenDecays(try n.y(Self.gainRMS($0))) }
                return ClaimOutcome(r.allSatisfy(\.passed), Rule.earlyThenDecaysText("G1", r[0]) + "; " + Rule.earlyThenDecaysText("G2", r[1]))
            },
        ]
    }

    func draw(_ inputs: FigureInputs) throws -> Figure {
        let run = try inputs.run(runs(inputs.context)[0])
        let fig = Style.figure(rows: 2, cols: 5, title: "\(heading): " + title)
        let eta = try run.parameter(.eta)
        for (k, quantity) in [RunColumns.loss, RunColumns.reward].enumerated() {
            let ax = fig[0, k]
            for (role, color, _) in Style.roles {
                ax.line(try run.column(quantity, role), label: Self.approximation("", role).label, color: color, width: Style.lineWidth)
            }
            for (role, color, _) in Style.roles {
                let (mean, std) = try Style.sgdMeanStd([run], GainModulationNames.sgdEvalLoss, role)
                let cost = try run.column(RunColumns.cost, role)
                // v = -eta L - C for SGD too, with the same control cost: its spread is eta times L's.
                if quantity == RunColumns.loss {
                    Style.sgdOverlay(ax, mean: mean, std: std, label: Self.sgd("", role).label, color: color)
                } else {
                    Style.sgdOverlay(ax, mean: zip(mean, cost).map { -eta * $0 - $1 }, std: std.map { eta * $0 },
                                     label: Self.sgd("", role).label, color: color)
                }
            }
            ax.xLabel = Style.taskTime
            ax.yLabel = quantity == RunColumns.loss ? "Loss L(t)" : "Instant net reward v(t)"
        }
        // Each weight's lines are named in the CSV (c_w1_3_approx_y, c_w1_3_sgd_y); the panel shows no
        // legend (one entry per weight would hide it), its title says which style is which.
        func weights(_ ax: Axes, layer: Int, _ role: Role) throws {
            let family = TwoLayerColumnNames.weights(layer: layer)
            for (j, member) in run.members(of: family, role).enumerated() {
                let weight = family.member(member)
                ax.line(try run.column(weight, role), label: weight.stem + Self.approxTag, color: Color.C(j), width: 1.5)
                ax.line(try run.column(SGDColumns(of: weight).mean, role), label: weight.stem + Self.sgdTag, color: Color.C(j),
                        width: 1.5, style: .dashed)
            }
            ax.showLegend = false
            ax.title = "solid: approx., dashed: SGD"
            ax.xLabel = Style.taskTime
            ax.yLabel = "W_{\(layer)}(t), \(role.rawValue)"
        }
        try weights(fig[0, 2], layer: 1, .baseline)
        try weights(fig[0, 3], layer: 2, .baseline)
        let l1 = fig[0, 4], l2 = fig[1, 0]
        for (ax, column, replay, name) in [(l1, TwoLayerColumnNames.weightL1, GainModulationNames.sgdWeightL1, "L1"),
                                           (l2, TwoLayerColumnNames.weightL2, GainModulationNames.sgdWeightL2, "L2")] {
            for (role, color, _) in Style.roles {
                ax.line(try run.column(column, role), label: Self.approximation("", role).label, color: color, width: Style.lineWidth)
            }
            for (role, color, _) in Style.roles {
                let (mean, std) = try Style.sgdMeanStd([run], replay, role)
                Style.sgdOverlay(ax, mean: mean, std: std, label: Self.sgd("", role).label, color: color)
            }
            ax.xLabel = Style.taskTime
            ax.yLabel = "\(name) norm of the weights"
        }
        try weights(fig[1, 1], layer: 1, .control)
        try weights(fig[1, 2], layer: 2, .control)
        for (k, layer) in [1, 2].enumerated() {
            let ax = fig[1, 3 + k]
            let family = TwoLayerColumnNames.gains(layer: layer)
            // The gains sit on the traced weights in the same order, so gain j takes weight j's color
            // in (g, h); the layer's RMS column, in the same family, is not a gain of its own.
            let gains = run.members(of: family, .control).map(family.member).filter { $0 != TwoLayerColumnNames.gainRMS(layer: layer) }
            for (j, gain) in gains.enumerated() {
                ax.line(try run.column(gain, .control), label: gain.control.text, color: Color.C(j), width: 1.5)
            }
            ax.line(try run.column(TwoLayerColumnNames.gainRMS(layer: layer), .control), label: Self.gainRMS("").label,
                    color: Style.baseline, width: Style.lineWidth)
            ax.showLegend = false
            ax.xLabel = Style.taskTime
            ax.yLabel = "G_{\(layer)}(t)"
        }
        return fig
    }
}
